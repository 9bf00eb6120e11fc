/** Loads hand-written or random events into a fresh shop, for the funnel tests. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runImport } from '@storelens/etl';
import { type Shop, ShopsRepo } from '../../src/metadata/index.js';
import type { Stores } from '../../src/store/open-stores.js';
import { tempDir } from '../temp-stores.js';
import type { RawCustomer, RawEvent } from './reference-funnel.js';

const HEADER =
  'event_id,ts,event,visitor_id,customer_id,session_id,channel,utm_source,utm_medium,utm_campaign,live_room_id,sharer_id,device,region,referrer,product_id,category,order_id,quantity,amount,search_term,properties';

/** Shanghai has no daylight saving: the local day is UTC+8. */
export const shanghaiDay = (t: number): string => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);

const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export async function loadWorld(stores: Stores, slug: string, events: RawEvent[], customers: WorldCustomer[] = []): Promise<Shop> {
  const repo = new ShopsRepo(stores.metadata);
  const org = await repo.createOrganization(`Funnel ${slug}`);
  const shop = await repo.create({ organizationId: org.id, slug, name: slug, currency: 'CNY', timeZone: 'Asia/Shanghai' });
  const lines = events.map((e) => {
    const { channel: ch = '', campaign = '', ...properties } = e.props;
    return [
      e.id,
      new Date(e.t).toISOString(),
      e.event,
      e.visitor,
      e.customer,
      `s-${e.visitor}`,
      ch,
      '',
      '',
      campaign,
      '',
      '',
      'pc',
      'Zhejiang',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      Object.keys(properties).length ? csvField(JSON.stringify(properties)) : '',
    ].join(',');
  });
  const dir = tempDir('funnel-');
  writeFileSync(join(dir, 'events.csv'), `${[HEADER, ...lines].join('\n')}\n`);
  const result = await runImport(stores.warehouse, {
    shop: { id: shop.id, timeZone: shop.time_zone, currency: shop.currency },
    kind: 'events',
    path: join(dir, 'events.csv'),
  });
  if (result.rowsRejected > 0 || result.rowsLoaded !== events.length) {
    throw new Error(`world ${slug}: loaded ${result.rowsLoaded} of ${events.length}, rejected ${result.rowsRejected}`);
  }
  if (customers.length > 0) await loadCustomers(stores, shop, customers);
  return shop;
}

/** A customer record as the world writes it: the sign-up time (or none) in place of its month. */
export type WorldCustomer = Omit<RawCustomer, 'signupMonth'> & { signedUpAt: number | null };

/** The record as the reference sees it: the sign-up month worked out here, in Shanghai time. */
export const asRawCustomer = (c: WorldCustomer): RawCustomer => ({
  ...c,
  signupMonth: c.signedUpAt === null ? '' : shanghaiDay(c.signedUpAt).slice(0, 7),
});

/**
 * A customer's first record goes in a first import, a second one in a second import, and so on:
 * versions from separate imports stay side by side in the table until a merge, so reading the
 * latest is tested (one insert keeps only the newest row of each customer: optimize_on_insert).
 */
async function loadCustomers(stores: Stores, shop: Shop, customers: WorldCustomer[]): Promise<void> {
  const iso = (t: number | null) => (t === null ? '' : new Date(t).toISOString());
  const rounds: WorldCustomer[][] = [];
  const seen = new Map<string, number>();
  for (const c of customers) {
    const k = seen.get(c.customer) ?? 0;
    seen.set(c.customer, k + 1);
    const round = rounds[k] ?? [];
    round.push(c);
    rounds[k] = round;
  }
  // Merges are stopped in this (throwaway) warehouse so that the versions really stay side by side;
  // a background merge would otherwise fold them within seconds, and reading the oldest would pass.
  if (rounds.length > 1) await stores.warehouse.admin().command('SYSTEM STOP MERGES customers', {}, { purpose: 'test.world' });
  for (const round of rounds) {
    const lines = round.map((c) => [c.customer, iso(c.signedUpAt), c.region, c.memberLevel, iso(c.updatedAt)].join(','));
    const dir = tempDir('funnel-customers-');
    writeFileSync(join(dir, 'customers.csv'), `${['customer_id,signed_up_at,region,member_level,updated_at', ...lines].join('\n')}\n`);
    const result = await runImport(stores.warehouse, {
      shop: { id: shop.id, timeZone: shop.time_zone, currency: shop.currency },
      kind: 'customers',
      path: join(dir, 'customers.csv'),
    });
    // A later round holds newer versions of known customers: those count as updated.
    if (result.rowsRejected > 0 || result.rowsLoaded + result.rowsUpdated !== round.length) {
      throw new Error(
        `customers of ${shop.slug}: loaded ${result.rowsLoaded} and updated ${result.rowsUpdated} of ${round.length}, rejected ${result.rowsRejected}`,
      );
    }
  }
}
