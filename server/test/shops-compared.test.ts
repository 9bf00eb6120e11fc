/**
 * Every shop side by side (`GET /api/v1/analyses/shops`), on shops whose figures are worked out by
 * hand below: two currencies, two time zones, a shop with no data, a shop where the user is a viewer
 * (who sees each shop's overview and diagnosis, as on its home page, but may not download them), and
 * one the user is not a member of. Also: the file download, its
 * audit entries (one per shop whose figures left), and the refusals.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ImportKind, runImport } from '@storelens/etl';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { ApiKeysRepo, AuditRepo, type Role, SessionsRepo, type Shop, ShopsRepo, TargetsRepo, UsersRepo } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { openTempStores, tempDir } from './temp-stores.js';

let stores: Stores;
let dispose: () => Promise<void>;
let app: FastifyInstance;
const users: Record<'analyst' | 'operator', number> = { analyst: 0, operator: 0 };
const shopBySlug = new Map<string, Shop>();
let readKey = '';

const RANGE = 'from=2026-03-10&to=2026-03-11'; // the period before: 2026-03-08 – 03-09

/**
 * tea (CNY, Shanghai). Range: visitors v1–v4 (4); orders c1 100 + c1 30 + c2 50 = 180 from 2 buyers
 * → conversion 2 / 4 = 0.5, spend per buyer 90. Before: v1, v5 (2); c3 60 → 1 buyer, 0.5, 60.
 * Changes: payment amount (180 − 60) / 60 = 2, visitors 1, buyers 1, conversion 0, spend per buyer 0.5.
 *
 * maple (USD, New York — already on summer time from 03-08, so −04:00). Range: v1, v2; c1 pays
 * 25.5 → conversion 0.5, spend 25.5. Before: nothing, so no change can be stated (no ratio to 0).
 * Its four same weekdays before 03-11 (02-11 … 03-04, before both periods, so the figures above
 * do not see them) each had five visitors and a paid order: enough history for 03-11 — one
 * visitor, no order — to be diagnosed, where tea's 03-11 has too little history to judge.
 */
const MAPLE_HISTORY = ['2026-02-11', '2026-02-18', '2026-02-25', '2026-03-04'];
const DATA: Record<string, { offset: string; events: Array<[string, string]>; orders: Array<[string, string, number]> }> = {
  tea: {
    offset: '+08:00',
    events: [
      ['2026-03-08', 'v1'],
      ['2026-03-09', 'v5'],
      ['2026-03-10', 'v1'],
      ['2026-03-10', 'v2'],
      ['2026-03-11', 'v2'],
      ['2026-03-11', 'v3'],
      ['2026-03-11', 'v4'],
      ['2026-03-12', 'v9'], // after the range
    ],
    orders: [
      ['2026-03-09', 'c3', 60],
      ['2026-03-10', 'c1', 100],
      ['2026-03-11', 'c1', 30],
      ['2026-03-11', 'c2', 50],
    ],
  },
  maple: {
    offset: '-04:00',
    events: [
      ...MAPLE_HISTORY.flatMap((day) => ['h1', 'h2', 'h3', 'h4', 'h5'].map((v): [string, string] => [day, `${day}-${v}`])),
      ['2026-03-10', 'v1'],
      ['2026-03-11', 'v2'],
    ],
    orders: [...MAPLE_HISTORY.map((day): [string, string, number] => [day, `${day}-h1`, 40]), ['2026-03-10', 'c1', 25.5]],
  },
};

async function load(shop: Shop, kind: ImportKind, csv: string) {
  const path = join(tempDir('storelens-shops-'), `${kind}.csv`);
  writeFileSync(path, csv);
  await runImport(stores.warehouse, { shop: { id: shop.id, timeZone: shop.time_zone, currency: shop.currency }, kind, path });
}

beforeAll(async () => {
  ({ stores, dispose } = await openTempStores());
  const repo = new ShopsRepo(stores.metadata);
  const userRepo = new UsersRepo(stores.metadata);
  const north = await repo.createOrganization('North');
  const south = await repo.createOrganization('South');
  const hidden = await repo.createOrganization('Hidden');
  const specs: Array<[number, string, string, string]> = [
    [north.id, 'tea', 'CNY', 'Asia/Shanghai'],
    [north.id, 'maple', 'USD', 'America/New_York'],
    [north.id, 'plum', 'CNY', 'Asia/Shanghai'],
    [south.id, 'south', 'CNY', 'Asia/Shanghai'],
    [hidden.id, 'hidden', 'CNY', 'Asia/Shanghai'],
  ];
  for (const [organizationId, slug, currency, timeZone] of specs) {
    shopBySlug.set(slug, await repo.create({ organizationId, slug, name: slug, currency, timeZone }));
  }
  for (const [slug, data] of Object.entries(DATA)) {
    const shop = shopBySlug.get(slug) as Shop;
    const at = (day: string) => `${day}T12:00:00${data.offset}`;
    await load(
      shop,
      'events',
      `event_id,ts,event,visitor_id\n${data.events.map(([day, v], i) => [`e${i}`, at(day), 'page_view', v].join(',')).join('\n')}\n`,
    );
    await load(
      shop,
      'orders',
      `order_id,customer_id,created_at,paid_at,status,items_amount,paid_amount,updated_at\n${data.orders
        .map(([day, c, amount], i) => [`o${i}`, c, at(day), at(day), 'completed', amount, amount, '2026-03-20T00:00:00Z'].join(','))
        .join('\n')}\n`,
    );
  }
  const member = async (email: string, roles: Array<[number, Role]>) => {
    const u = await userRepo.create({ email, password: 'long enough password' });
    for (const [org, role] of roles) await userRepo.setMembership(org, u.id, role);
    return u.id;
  };
  users.analyst = await member('analyst@shops.test', [
    [north.id, 'analyst'],
    [south.id, 'viewer'],
  ]);
  users.operator = await member('operator@shops.test', [[north.id, 'operator']]);
  // March's payment targets of tea and maple (plum has none): their rows carry the pace by the range's last day.
  const targets = new TargetsRepo(stores.metadata);
  await targets.set((shopBySlug.get('tea') as Shop).id, '2026-03', { gmv: 3100 });
  await targets.set((shopBySlug.get('maple') as Shop).id, '2026-03', { gmv: 1000 });
  readKey = (await new ApiKeysRepo(stores.metadata).create({ shopId: (shopBySlug.get('tea') as Shop).id, name: 'r', scopes: ['read'] }))
    .key;
  app = await buildApp({ stores, serveDashboard: false });
});
afterAll(async () => {
  await app?.close();
  await dispose();
});

async function get(who: keyof typeof users, query: string) {
  const session = await new SessionsRepo(stores.metadata).create(users[who]);
  return app.inject({ method: 'GET', url: `/api/v1/analyses/shops?${query}`, cookies: { sl_session: session.token } });
}

interface Row {
  shop: string;
  currency: string;
  from: string;
  to: string;
  previous: { from: string; to: string };
  totals: Record<string, number | null>;
  changes: Record<string, { changeRatio: number | null } | undefined>;
  refused: string | null;
  diagnosis: {
    date: string;
    summary: { en: string; zh: string };
    severity: string;
    red: number;
    amber: number;
    enoughData: boolean;
    target: { month: string; share: number | null; pace: number | null } | null;
  } | null;
}

describe('every shop side by side', () => {
  it('gives each shop of the user’s organizations its own figures against the period before, by currency, largest first', async () => {
    const res = await get('analyst', RANGE);
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json().rows as Row[];
    // CNY before USD; within CNY tea (180) before plum and south (0, by name); hidden is not theirs.
    expect(rows.map((r) => r.shop)).toEqual(['tea', 'plum', 'south', 'maple']);
    const [tea, plum, south, maple] = rows as [Row, Row, Row, Row];
    expect(tea).toMatchObject({ from: '2026-03-10', to: '2026-03-11', previous: { from: '2026-03-08', to: '2026-03-09' }, refused: null });
    expect(tea.totals).toEqual({ gmv: 180, uv: 4, paying_buyers: 2, conversion_rate: 0.5, aov: 90 });
    const ratios = (r: Row) => Object.fromEntries(Object.entries(r.changes).map(([k, v]) => [k, v?.changeRatio ?? null]));
    expect(ratios(tea)).toEqual({ gmv: 2, uv: 1, paying_buyers: 1, conversion_rate: 0, aov: 0.5 });
    expect(maple.totals).toMatchObject({ gmv: 25.5, uv: 2, paying_buyers: 1, conversion_rate: 0.5, aov: 25.5 });
    expect(Object.values(ratios(maple)).every((v) => v === null)).toBe(true);
    expect(plum.totals).toMatchObject({ gmv: 0, uv: 0, paying_buyers: 0 });
    expect(plum.refused).toBeNull();
    // A viewer there sees south's dashboard figures (no data: as plum's) — shop.view, as on its home page.
    expect(south.refused).toBeNull();
    expect(south.totals).toEqual({ gmv: 0, uv: 0, paying_buyers: 0, conversion_rate: null, aov: null });
    expect(south.totals).toEqual(plum.totals);
    expect(Object.keys(res.json().definitions)).toEqual([
      'gmv',
      'uv',
      'paying_buyers',
      'conversion_rate',
      'aov',
      'target_share',
      'target_pace',
    ]);
  });

  it('brings each shop’s diagnosis of the range’s last day: its headline and how serious its findings are', async () => {
    const rows = (await get('analyst', RANGE)).json().rows as Row[];
    const row = (slug: string) => rows.find((r) => r.shop === slug) as Row;
    // The shop's own diagnosis of that day, as its home page asks for it.
    const own = async (slug: string) => {
      const session = await new SessionsRepo(stores.metadata).create(users.analyst);
      const res = await app.inject({
        method: 'GET',
        url: `/api/v1/shops/${slug}/diagnostics?date=2026-03-11`,
        cookies: { sl_session: session.token },
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { summary: { en: string }; enoughData: boolean; findings: Array<{ severity: string }> };
    };
    // tea: no activity on any of the four Wednesdays before 03-11, so nothing is judged.
    expect(row('tea').diagnosis).toMatchObject({ date: '2026-03-11', severity: 'info', red: 0, amber: 0, enoughData: false });
    expect(row('tea').diagnosis?.summary.en).toMatch(/^Too little data to diagnose 2026-03-11/);
    expect(row('tea').diagnosis?.summary).toEqual((await own('tea')).summary);
    // maple: five visitors and a 40 order each Wednesday before, one visitor and nothing paid on 03-11.
    const maple = row('maple').diagnosis;
    const full = await own('maple');
    expect(full.enoughData).toBe(true);
    expect(maple).toMatchObject({ date: '2026-03-11', enoughData: true, summary: full.summary });
    const count = (severity: string) => full.findings.filter((f) => f.severity === severity).length;
    expect([maple?.red, maple?.amber]).toEqual([count('red'), count('amber')]);
    expect((maple?.red ?? 0) + (maple?.amber ?? 0)).toBeGreaterThan(0);
    expect(maple?.severity).toBe(count('red') > 0 ? 'red' : 'amber');
    // March's payment target by 03-11, 11 of 31 days gone. tea: 60 + 100 + 30 + 50 = 240 of 3,100 →
    // share 0.077419 → 0.0774, pace 0.077419 × 31 / 11 = 0.218 → 0.22 (judged even with too little
    // history for findings). maple: 40 (03-04) + 25.5 = 65.5 of 1,000 → 0.0655, × 31 / 11 = 0.1846 → 0.18.
    expect(row('tea').diagnosis?.target).toEqual({ month: '2026-03', share: 0.0774, pace: 0.22 });
    expect(maple?.target).toEqual({ month: '2026-03', share: 0.0655, pace: 0.18 });
    expect(row('plum').diagnosis?.target).toBeNull();
    // The viewer's shop is diagnosed as plum is (no data at all), as its home page would show it.
    expect(row('south').diagnosis).toEqual(row('plum').diagnosis);
    // A day still to come in every shop's time zone has nothing to diagnose; its figures are still there.
    const ahead = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const future = (await get('analyst', `from=2026-03-10&to=${ahead}`)).json().rows as Row[];
    expect(future.map((r) => r.diagnosis)).toEqual([null, null, null, null]);
    expect(future.find((r) => r.shop === 'tea')?.totals.uv).toBe(5);
  });

  it('takes the last N days as each shop’s own: ending yesterday in its time zone', async () => {
    const res = await get('analyst', 'days=3');
    expect(res.statusCode, res.body).toBe(200);
    const yesterdayIn = (timeZone: string) => {
      const today = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
      return new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    };
    for (const row of res.json().rows as Row[]) {
      const to = yesterdayIn((shopBySlug.get(row.shop) as Shop).time_zone);
      expect(row.to, row.shop).toBe(to);
      expect(Date.parse(row.to) - Date.parse(row.from), row.shop).toBe(2 * 86_400_000);
    }
    // Without a range: the last 7 days.
    const fallback = (await get('analyst', '')).json().rows as Row[];
    expect(fallback.every((r) => Date.parse(r.to) - Date.parse(r.from) === 6 * 86_400_000)).toBe(true);
  });

  it('downloads the table with each money column in its row’s currency, and audits it in every shop it came from', async () => {
    const res = await get('analyst', `${RANGE}&format=csv`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="all-shops-overview-2026-03-10_2026-03-11.csv"');
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'shop,name,currency,time_zone,from (time_zone),to (time_zone),gmv (currency),gmv_change (ratio),uv (count),uv_change (ratio),paying_buyers (count),paying_buyers_change (ratio),conversion_rate (ratio),conversion_rate_change (ratio),aov (currency),aov_change (ratio),diagnosis_severity,diagnosis_en,diagnosis_zh,target_share (ratio),target_pace (average),refused',
    );
    // tea's 03-11 has too little history to judge (its headline says so); maple's payment amount
    // went from 40 on the Wednesday before to nothing, a 100% fall, and is flagged red.
    const tooLittle =
      'info,"Too little data to diagnose 2026-03-11: fewer than two of the four comparable weekdays before it have activity, or it has none itself.",数据不足，无法诊断2026-03-11：此前四个可比同工作日中有数据的少于两个，或当期没有数据。,0.0774,0.22,';
    expect(lines[1]).toBe(`tea,tea,CNY,Asia/Shanghai,2026-03-10,2026-03-11,180,2,4,1,2,1,0.5,0,90,0.5,${tooLittle}`);
    expect(lines[4]).toMatch(
      /^maple,maple,USD,America\/New_York,2026-03-10,2026-03-11,25\.5,,2,,1,,0\.5,,25\.5,,red,"Payment amount fell 100\.0% against the same day last week, [^"]*",支付金额较上周同日下降100\.0%[^,]*,0\.0655,0\.18,$/,
    );
    // A viewer may see south's row but not download it.
    expect(lines[3]).toBe(
      'south,south,CNY,Asia/Shanghai,2026-03-10,2026-03-11,,,,,,,,,,,,,,,,Your role (viewer) may not export results and raw data.',
    );
    const audit = (await new AuditRepo(stores.metadata).list()).filter((e) => e.action === 'export.all-shops');
    const shopIds = audit.map((e) => e.shop_id).sort();
    expect(shopIds).toEqual(['tea', 'maple', 'plum'].map((s) => (shopBySlug.get(s) as Shop).id).sort());
  });

  it('refuses what cannot be answered, saying why', async () => {
    // An operator may read analyses but not export: no file of refusals, a 403 that says so.
    const operator = await get('operator', `${RANGE}&format=csv`);
    expect(operator.statusCode).toBe(403);
    expect(operator.json().error.message).toBe('Your role (operator) may not export results and raw data.');
    expect((await get('operator', RANGE)).json().rows.map((r: Row) => r.refused)).toEqual([null, null, null]);
    const both = await get('analyst', `days=7&${RANGE}`);
    expect(both.statusCode).toBe(400);
    expect(both.json().error.message).toContain('Give either days');
    expect((await get('analyst', 'days=0')).statusCode).toBe(400);
    expect((await get('analyst', 'compare=previous')).statusCode).toBe(400);
    expect((await get('analyst', `${RANGE}&format=csv&table=daily`)).json().error.message).toContain('one table, "overview"');
    const key = await app.inject({ method: 'GET', url: '/api/v1/analyses/shops', headers: { authorization: `Bearer ${readKey}` } });
    expect(key.statusCode).toBe(403);
  });
});
