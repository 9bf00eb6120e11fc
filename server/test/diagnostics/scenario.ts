/**
 * Scenario shops for the diagnosis tests: a steady store (three channels, fixed visitors,
 * stage rates and order values every day) with one lever pulled on the diagnosed day, so the
 * true cause is known. All counts are whole numbers chosen so every rate applies exactly.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runImport } from '@storelens/etl';
import { type Shop, ShopsRepo } from '../../src/metadata/index.js';
import type { Stores } from '../../src/store/open-stores.js';
import { tempDir } from '../temp-stores.js';

export interface ChannelDay {
  channel: string;
  visitors: number;
  cartRate: number;
  checkoutRate: number;
  payRate: number;
  amount: number;
  /** Share of the payers whose order is refunded in full six hours after payment (none when absent). */
  refundShare?: number;
  /** The refunded payers' reasons, the first payer's first (none given past the end). */
  refundReasons?: string[];
  /** Share of each order's goods amount taken off by an order-level coupon (none when absent); the buyer pays the rest. */
  discountShare?: number;
}

/** The steady store: 200 search, 100 live-stream and 100 recommendation visitors a day. */
export const STEADY: ChannelDay[] = [
  { channel: 'search', visitors: 200, cartRate: 0.2, checkoutRate: 0.5, payRate: 0.8, amount: 100 },
  { channel: 'live_stream', visitors: 100, cartRate: 0.2, checkoutRate: 0.5, payRate: 0.8, amount: 80 },
  { channel: 'recommendation', visitors: 100, cartRate: 0.2, checkoutRate: 0.5, payRate: 0.8, amount: 120 },
];

const EVENT_HEADER =
  'event_id,ts,event,visitor_id,customer_id,session_id,channel,utm_source,utm_medium,utm_campaign,live_room_id,sharer_id,device,region,referrer,product_id,category,order_id,quantity,amount,search_term,properties';
const ORDER_HEADER =
  'order_id,customer_id,visitor_id,created_at,paid_at,status,currency,items_amount,discount_amount,shipping_amount,paid_amount,refund_amount,refunded_at,refund_reason,updated_at,channel,utm_source,utm_medium,utm_campaign,live_room_id,sharer_id,device,region';
const ITEM_HEADER = 'order_id,line_no,product_id,sku,product_name,category,quantity,unit_price,discount,amount,created_at';

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Loads `days` (day → its channels) into a new shop in Asia/Shanghai. */
export async function loadScenario(stores: Stores, slug: string, days: Map<string, ChannelDay[]>): Promise<Shop> {
  const repo = new ShopsRepo(stores.metadata);
  const org = await repo.createOrganization(`Scenario ${slug}`);
  const shop = await repo.create({ organizationId: org.id, slug, name: slug, currency: 'CNY', timeZone: 'Asia/Shanghai' });
  const events = [EVENT_HEADER];
  const orders = [ORDER_HEADER];
  const items = [ITEM_HEADER];
  let e = 0;
  for (const [day, channels] of days) {
    for (const c of channels) {
      const carters = Math.round(c.visitors * c.cartRate);
      const checkouts = Math.round(carters * c.checkoutRate);
      const payers = Math.round(checkouts * c.payRate);
      const refunded = Math.round(payers * (c.refundShare ?? 0));
      for (let v = 0; v < c.visitors; v++) {
        const visitor = `${day}-${c.channel}-${v}`;
        // 10:00 local (02:00Z) plus a few seconds per visitor; each stage a minute later.
        const t0 = Date.parse(`${day}T02:00:00Z`) + v * 5000;
        const at = (minutes: number) => new Date(t0 + minutes * 60_000).toISOString();
        const customer = v < payers ? `c-${visitor}` : '';
        const ev = (minutes: number, name: string, extra = '') =>
          events.push(
            `e${++e},${at(minutes)},${name},${visitor},${customer},s-${visitor},${c.channel},,,,,,mobile_app,Zhejiang,,P1,tea,${extra}`,
          );
        ev(0, 'product_view', ',,,,');
        if (v < carters) ev(1, 'add_to_cart', ',1,,,');
        if (v < checkouts) ev(2, 'checkout_start', `o-${visitor},,,,`);
        if (v < payers) {
          const goods = c.amount.toFixed(2);
          const discount = (c.amount * (c.discountShare ?? 0)).toFixed(2);
          const amount = (c.amount - Number(discount)).toFixed(2);
          ev(3, 'order_paid', `o-${visitor},1,${amount},,`);
          const back = v < refunded;
          orders.push(
            `o-${visitor},${customer},${visitor},${at(2)},${at(3)},${back ? 'refunded' : 'paid'},CNY,${goods},${discount},0.00,${amount},${back ? amount : '0.00'},${back ? at(363) : ''},${back ? (c.refundReasons?.[v] ?? '') : ''},${back ? at(363) : at(3)},${c.channel},,,,,,mobile_app,Zhejiang`,
          );
          items.push(`o-${visitor},1,P1,P1-STD,Tea,tea,1,${goods},0.00,${goods},${at(2)}`);
        }
      }
    }
  }
  const dir = tempDir(`scenario-${slug}-`);
  const target = { id: shop.id, timeZone: shop.time_zone, currency: shop.currency };
  for (const [kind, lines] of [
    ['events', events],
    ['orders', orders],
    ['order_items', items],
  ] as const) {
    writeFileSync(join(dir, `${kind}.csv`), `${lines.join('\n')}\n`);
    const r = await runImport(stores.warehouse, { shop: target, kind, path: join(dir, `${kind}.csv`) });
    if (r.rowsRejected > 0) throw new Error(`${slug} ${kind}: ${r.rowsRejected} rejected`);
  }
  return shop;
}

/** `history` steady days before `day`, then `day` with the lever applied. */
export function steadyThen(day: string, history: number, lever: (c: ChannelDay) => ChannelDay): Map<string, ChannelDay[]> {
  const days = new Map<string, ChannelDay[]>();
  for (let k = history; k >= 1; k--) days.set(addDays(day, -k), STEADY);
  days.set(day, STEADY.map(lever));
  return days;
}
