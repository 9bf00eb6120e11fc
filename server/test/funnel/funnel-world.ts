/** Loads hand-written or random events into a fresh shop, for the funnel tests. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runImport } from '@storelens/etl';
import { type Shop, ShopsRepo } from '../../src/metadata/index.js';
import type { Stores } from '../../src/store/open-stores.js';
import { tempDir } from '../temp-stores.js';
import type { RawEvent } from './reference-funnel.js';

const HEADER =
  'event_id,ts,event,visitor_id,customer_id,session_id,channel,utm_source,utm_medium,utm_campaign,live_room_id,sharer_id,device,region,referrer,product_id,category,order_id,quantity,amount,search_term,properties';

/** Shanghai has no daylight saving: the local day is UTC+8. */
export const shanghaiDay = (t: number): string => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);

const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export async function loadWorld(stores: Stores, slug: string, events: RawEvent[]): Promise<Shop> {
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
  return shop;
}
