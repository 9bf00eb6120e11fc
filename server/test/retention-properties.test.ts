/**
 * Property test: on random small worlds (visitors who sign in, guests, unpaid orders, repeat
 * buyers, several channels and categories), random retention settings give exactly what the
 * independent Python computation (fixtures/golden/retention_oracle.py) derives from the same files.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IMPORT_KINDS, runImport } from '@storelens/etl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RetentionOptions, retention } from '../src/analyses/retention.analysis.js';
import { type Shop, ShopsRepo } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { rng } from './random.js';
import { openTempStores, tempDir } from './temp-stores.js';

const CHANNELS = ['search', 'ads', 'live_stream', 'social_share'] as const;
const CATEGORIES = ['tea', 'teaware', 'gifts'] as const;
const EVENTS = ['page_view', 'product_view', 'add_to_cart', 'order_paid'] as const;
const START = Date.parse('2026-06-01T00:00:00Z');
const RANGE = { from: '2026-06-10', to: '2026-08-15' };
const EVENT_HEADER =
  'event_id,ts,event,visitor_id,customer_id,session_id,channel,utm_source,utm_medium,utm_campaign,live_room_id,sharer_id,device,region,referrer,product_id,category,order_id,quantity,amount,search_term,properties';
const ORDER_HEADER =
  'order_id,customer_id,visitor_id,created_at,paid_at,status,currency,items_amount,discount_amount,shipping_amount,paid_amount,refund_amount,refunded_at,updated_at,channel,utm_source,utm_medium,utm_campaign,live_room_id,sharer_id,device,region';
const ITEM_HEADER = 'order_id,line_no,product_id,sku,product_name,category,quantity,unit_price,discount,amount,created_at';

/** Writes a random world as the generator's CSV files; returns the folder. */
function randomWorld(seed: number): string {
  const r = rng(seed);
  const events: string[] = [EVENT_HEADER];
  const orders: string[] = [ORDER_HEADER];
  const items: string[] = [ITEM_HEADER];
  let e = 0;
  let o = 0;
  for (let v = 1; v <= 40; v++) {
    const customer = r.chance(0.6) ? `c${r.chance(0.15) ? 1 : v}` : '';
    const visits = r.int(1, 8);
    let t = START + r.int(0, 80) * 86_400_000 + r.int(0, 86_399) * 1000;
    for (let k = 0; k < visits; k++) {
      t += r.pick([1, 30, 3600, 20 * 3600, 3 * 86_400, 9 * 86_400]) * 1000;
      if (t > Date.parse('2026-09-10T00:00:00Z')) break;
      const signedIn = customer && r.chance(0.7) ? customer : '';
      const channel = r.pick(CHANNELS);
      const name = r.pick(EVENTS);
      const ts = new Date(t).toISOString();
      events.push(`e${++e},${ts},${name},v${v},${signedIn},s${v}-${k},${channel},,,,,,pc,Zhejiang,,,,,,,,`);
      // Now and then a second event at the same instant through another channel: the first
      // channel of a tie is the alphabetically first.
      if (r.chance(0.15))
        events.push(`e${++e},${ts},${r.pick(EVENTS)},v${v},${signedIn},s${v}-${k},${r.pick(CHANNELS)},,,,,,pc,Zhejiang,,,,,,,,`);
      if (customer && (name === 'order_paid' || r.chance(0.25))) {
        const paid = r.chance(0.85) ? new Date(t + r.int(0, 3) * 3_600_000).toISOString() : '';
        const buyer = r.chance(0.1) ? '' : customer;
        // Now and then a second order paid at the same instant through another channel: which of
        // the two is the first order (and so its channel and main category) is decided by the
        // channel, then the order id.
        const copies = paid && r.chance(0.15) ? 2 : 1;
        for (let copy = 0; copy < copies; copy++) {
          const id = `O${++o}`;
          const lines = r.int(1, 2);
          let total = 0;
          for (let l = 1; l <= lines; l++) {
            const cents = r.int(500, 40_000);
            total += cents;
            const amount = (cents / 100).toFixed(2);
            items.push(`${id},${l},P${l},P${l}-STD,Item,${r.pick(CATEGORIES)},1,${amount},0.00,${amount},${ts}`);
          }
          const amount = (total / 100).toFixed(2);
          const via = copy === 0 ? channel : r.pick(CHANNELS);
          // Every third order takes 5.00 off with a coupon (from the order number, so the random
          // stream, and with it the rest of the world, is what it was before discounts).
          const discount = o % 3 === 0 ? 5 : 0;
          const goods = ((total + discount * 100) / 100).toFixed(2);
          orders.push(
            `${id},${buyer},v${v},${ts},${paid},${paid ? 'paid' : 'created'},CNY,${goods},${discount.toFixed(2)},0.00,${amount},0.00,,${paid || ts},${via},,,,,,pc,Zhejiang`,
          );
        }
      }
    }
  }
  const dir = tempDir(`retention-${seed}-`);
  writeFileSync(join(dir, 'events-00000.csv'), `${events.join('\n')}\n`);
  writeFileSync(join(dir, 'orders-00000.csv'), `${orders.join('\n')}\n`);
  writeFileSync(join(dir, 'order_items-00000.csv'), `${items.join('\n')}\n`);
  return dir;
}

interface OracleCase {
  cohort: RetentionOptions['cohort'];
  cohort_event?: string;
  return: RetentionOptions['returnEvent'];
  return_event?: string;
  recurring: boolean;
  segment: 'none' | 'first_channel' | 'first_category' | 'first_discount' | 'first_value';
  period: 'day' | 'week' | 'month';
  week_start: 'monday' | 'sunday';
  cumulative: boolean;
  periods: number;
}

function randomCase(seed: number): OracleCase {
  const r = rng(seed * 31 + 7);
  const cohort = r.pick(['first_purchase', 'first_visit', 'first_event'] as const);
  const ret = r.pick(['purchase', 'visit', 'event'] as const);
  const period = r.pick(['day', 'week', 'month'] as const);
  return {
    cohort,
    ...(cohort === 'first_event' ? { cohort_event: r.pick(EVENTS) } : {}),
    return: ret,
    ...(ret === 'event' ? { return_event: r.pick(EVENTS) } : {}),
    recurring: r.chance(0.4),
    segment:
      cohort === 'first_purchase'
        ? r.pick(['none', 'first_channel', 'first_category', 'first_discount', 'first_value'] as const)
        : r.pick(['none', 'first_channel'] as const),
    period,
    week_start: r.pick(['monday', 'sunday'] as const),
    cumulative: r.chance(0.5),
    periods: period === 'day' ? r.int(1, 20) : period === 'week' ? r.int(1, 10) : r.int(1, 3),
  };
}

let stores: Stores;
let dispose: () => Promise<void>;
const worlds: Array<{ seed: number; dir: string; shop: Shop }> = [];

beforeAll(async () => {
  ({ stores, dispose } = await openTempStores());
  const repo = new ShopsRepo(stores.metadata);
  const org = await repo.createOrganization('Random retention');
  for (const seed of [3, 17, 29]) {
    const dir = randomWorld(seed);
    const shop = await repo.create({
      organizationId: org.id,
      slug: `r${seed}`,
      name: `r${seed}`,
      currency: 'CNY',
      timeZone: 'Asia/Shanghai',
    });
    for (const kind of IMPORT_KINDS) {
      if (kind !== 'events' && kind !== 'orders' && kind !== 'order_items') continue;
      const result = await runImport(stores.warehouse, {
        shop: { id: shop.id, timeZone: shop.time_zone, currency: shop.currency },
        kind,
        path: join(dir, `${kind}-00000.csv`),
      });
      if (result.rowsRejected > 0) throw new Error(`seed ${seed} ${kind}: ${result.rowsRejected} rows rejected`);
    }
    worlds.push({ seed, dir, shop });
  }
});
afterAll(async () => {
  await dispose();
});

describe('retention on random worlds equals the independent computation', () => {
  it('agrees on 20 random settings in each of 3 random worlds', async () => {
    let nonEmpty = 0;
    // The discount split's segments seen in its cases (both, or the split was never really compared).
    const discountSegments = new Set<string>();
    const valueBands = new Set<string>();
    for (const world of worlds) {
      const cases = Array.from({ length: 20 }, (_, k) => randomCase(world.seed * 100 + k));
      const oracle = JSON.parse(
        execFileSync(
          'python3',
          [
            join(import.meta.dirname, '..', '..', 'fixtures', 'golden', 'retention_oracle.py'),
            world.dir,
            'Asia/Shanghai',
            'CNY',
            RANGE.from,
            RANGE.to,
            JSON.stringify(cases),
          ],
          { encoding: 'utf8' },
        ),
      ) as Array<{ observed_until: string | null; cohorts: Record<string, unknown> }>;
      for (const [k, c] of cases.entries()) {
        const want = oracle[k] as (typeof oracle)[number];
        const result = await retention(stores.warehouse.forShop(world.shop.id), world.shop, RANGE, {
          cohort: c.cohort,
          cohortEvent: c.cohort_event,
          returnEvent: c.return,
          returnName: c.return_event,
          cohortType: c.recurring ? 'recurring' : 'first_time',
          segmentBy: c.segment,
          period: c.period,
          weekStart: c.week_start,
          cumulative: c.cumulative,
          periods: c.periods,
        });
        const context = `seed ${world.seed}, case ${JSON.stringify(c)}`;
        expect(result.observedUntil, context).toBe(want.observed_until);
        const got = Object.fromEntries(
          result.cohorts.map((x) => [
            `${x.segment}|${x.cohort}`,
            { size: x.size, people: x.people, revenue_per_member: x.revenue_per_member },
          ]),
        );
        expect(got, context).toEqual(want.cohorts);
        if (Object.keys(got).length > 0) nonEmpty++;
        if (c.segment === 'first_discount') for (const x of result.cohorts) discountSegments.add(x.segment);
        if (c.segment === 'first_value') for (const x of result.cohorts) valueBands.add(x.segment);
      }
    }
    expect(nonEmpty).toBeGreaterThan(45);
    expect([...discountSegments].sort()).toEqual(['discounted', 'full_price']);
    // Orders of 5 to 800 yuan: the value split met several bands of the ladder.
    expect(valueBands.size).toBeGreaterThan(3);
  }, 180_000);
});
