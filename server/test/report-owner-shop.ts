/**
 * The set-up of the scheduled-report tests: fresh embedded stores (with the config overrides
 * given) holding the golden tiny-tea shop as slug `tea`, a read key, and a signed-in owner's
 * session (the cookie token and its CSRF token) for the schedule routes.
 */
import { join } from 'node:path';
import { IMPORT_KINDS, runImport } from '@storelens/etl';
import type { FastifyInstance } from 'fastify';
import type { StorelensConfig } from '../src/config.js';
import { ApiKeysRepo, SessionsRepo, type Shop, ShopsRepo, UsersRepo } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { openTempStores } from './temp-stores.js';

const GOLDEN_TEA = join(import.meta.dirname, '..', '..', 'fixtures', 'golden', 'tiny', 'tiny-tea');

export interface ReportOwnerShop {
  stores: Stores;
  dispose: () => Promise<void>;
  shop: Shop;
  readKey: string;
  session: { token: string; csrf: string };
}

export async function openReportOwnerShop(shopName: string, overrides: Partial<StorelensConfig> = {}): Promise<ReportOwnerShop> {
  const { stores, dispose } = await openTempStores(overrides);
  const shops = new ShopsRepo(stores.metadata);
  const org = await shops.createOrganization(shopName);
  const shop = await shops.create({ organizationId: org.id, slug: 'tea', name: shopName, currency: 'CNY', timeZone: 'Asia/Shanghai' });
  for (const kind of IMPORT_KINDS)
    await runImport(stores.warehouse, {
      shop: { id: shop.id, timeZone: shop.time_zone, currency: shop.currency },
      kind,
      path: join(GOLDEN_TEA, `${kind}-00000.csv`),
    });
  const readKey = (await new ApiKeysRepo(stores.metadata).create({ shopId: shop.id, name: 'r', scopes: ['read'] })).key;
  const users = new UsersRepo(stores.metadata);
  const owner = await users.create({ email: 'owner@tea.example', displayName: 'Owner', password: 'a long password 1' });
  await users.setMembership(org.id, owner.id, 'owner');
  const s = await new SessionsRepo(stores.metadata).create(owner.id);
  return { stores, dispose, shop, readKey, session: { token: s.token, csrf: s.csrfToken } };
}

/** POSTs a schedule for a saved report of shop `tea` as its owner (session cookie and CSRF token). */
export const postSchedule = (app: FastifyInstance, session: ReportOwnerShop['session'], reportId: number, payload: object) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/shops/tea/reports/${reportId}/schedules`,
    cookies: { sl_session: session.token },
    headers: { 'x-csrf-token': session.csrf },
    payload,
  });

/** The deliveries of a schedule, oldest first. */
export const deliveriesOf = (stores: Stores, scheduleId: number) =>
  stores.metadata.selectFrom('report_deliveries').selectAll().where('schedule_id', '=', scheduleId).orderBy('id').execute();
