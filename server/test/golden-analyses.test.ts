/**
 * Every analysis on the golden tiny world, against the answers computed independently by
 * fixtures/golden/compute_expected.py (expected.json): overview (every day and the totals),
 * traffic, real time, products, one product, repurchase and customers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IMPORT_KINDS, runImport } from '@storelens/etl';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers } from '../src/analyses/customers.analysis.js';
import { overview } from '../src/analyses/overview.analysis.js';
import { productDetail } from '../src/analyses/product-detail.analysis.js';
import { products } from '../src/analyses/products.analysis.js';
import { realtime } from '../src/analyses/realtime.analysis.js';
import { repurchase } from '../src/analyses/repurchase.analysis.js';
import { type RetentionOptions, retention } from '../src/analyses/retention.analysis.js';
import { buildApp } from '../src/app.js';
import { ApiKeysRepo, type Shop, ShopsRepo } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { openTempStores } from './temp-stores.js';

const golden = join(import.meta.dirname, '..', '..', 'fixtures', 'golden', 'tiny');
const manifest = JSON.parse(readFileSync(join(golden, 'manifest.json'), 'utf8')) as {
  startDate: string;
  endDate: string;
  shops: Array<{ slug: string; name: string; currency: string; timeZone: string }>;
};
const expected = JSON.parse(readFileSync(join(golden, 'expected.json'), 'utf8')) as {
  shops: Array<{ slug: string; totals: Record<string, number>; daily: Array<Record<string, number | string>> }>;
};

let stores: Stores;
let dispose: () => Promise<void>;
let app: FastifyInstance;
const shops: Shop[] = [];
let readKey = '';

beforeAll(async () => {
  ({ stores, dispose } = await openTempStores());
  const repo = new ShopsRepo(stores.metadata);
  const org = await repo.createOrganization('Golden');
  for (const s of manifest.shops) {
    const shop = await repo.create({ organizationId: org.id, slug: s.slug, name: s.name, currency: s.currency, timeZone: s.timeZone });
    shops.push(shop);
    for (const kind of IMPORT_KINDS) {
      await runImport(stores.warehouse, {
        shop: { id: shop.id, timeZone: shop.time_zone, currency: shop.currency },
        kind,
        path: join(golden, s.slug, `${kind}-00000.csv`),
      });
    }
  }
  readKey = (await new ApiKeysRepo(stores.metadata).create({ shopId: shops[0]?.id ?? 0, name: 'r', scopes: ['read'] })).key;
  app = await buildApp({ stores, serveDashboard: false });
});
afterAll(async () => {
  await app.close();
  await dispose();
});

const FIELDS = [
  'uv',
  'pv',
  'sessions',
  'bounce_sessions',
  'cart_visitors',
  'paying_buyers',
  'paid_orders',
  'gmv',
  'refund_amount',
  'new_buyers',
  'repeat_buyers',
  'ordering_buyers',
] as const;

describe.each(manifest.shops.map((s, i) => ({ ...s, i })))('overview of $slug', ({ slug, i }) => {
  const want = expected.shops.find((s) => s.slug === slug);
  const range = { from: manifest.startDate, to: manifest.endDate };

  it('matches the independent computation day by day', async () => {
    const shop = shops[i] as Shop;
    const result = await overview(stores.warehouse.forShop(shop.id), shop, range);
    const wantByDay = new Map((want?.daily ?? []).map((d) => [d.day, d]));
    expect(result.daily).toHaveLength(60);
    for (const day of result.daily) {
      const w = wantByDay.get(day.day);
      const got = Object.fromEntries(FIELDS.map((f) => [f, day[f]]));
      const exp = Object.fromEntries(FIELDS.map((f) => [f, w ? w[f] : 0]));
      expect(got, day.day).toEqual(exp);
    }
  });

  it('matches the totals, with distinct counts over the whole range', async () => {
    const shop = shops[i] as Shop;
    const t = (await overview(stores.warehouse.forShop(shop.id), shop, range)).totals;
    expect({
      uv: t.uv,
      pv: t.pv,
      sessions: t.sessions,
      paid_orders: t.paid_orders,
      paying_buyers: t.paying_buyers,
      gmv: t.gmv,
      refund_amount: t.refund_amount,
      new_buyers: t.new_buyers,
      repeat_buyers: t.repeat_buyers,
    }).toEqual({
      uv: want?.totals.uv,
      pv: want?.totals.pv,
      sessions: want?.totals.sessions,
      paid_orders: want?.totals.paid_orders,
      paying_buyers: want?.totals.paying_buyers,
      gmv: want?.totals.gmv,
      refund_amount: want?.totals.refund_amount,
      new_buyers: want?.totals.new_buyers,
      repeat_buyers: want?.totals.repeat_buyers,
    });
    expect(t.conversion_rate).toBeCloseTo((want?.totals.paying_buyers ?? 0) / (want?.totals.uv ?? 1), 5);
    expect(t.aov).toBeCloseTo((want?.totals.gmv ?? 0) / (want?.totals.paying_buyers ?? 1), 2);
  });
});

describe('GET /api/v1/shops/:shop/analyses/overview', () => {
  it('serves the result with definitions, and refuses bad ranges with a 400 naming the field', async () => {
    const auth = { authorization: `Bearer ${readKey}` };
    const ok = await app.inject({
      method: 'GET',
      url: `/api/v1/shops/tiny-tea/analyses/overview?from=${manifest.startDate}&to=${manifest.endDate}`,
      headers: auth,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().totals.uv).toBe(expected.shops[0]?.totals.uv);
    expect(ok.json().definitions.conversion_rate.definition).toBe('paying buyers / UV');
    for (const [query, field] of [
      ['from=2026-02-30&to=2026-03-01', 'from'],
      ['from=2026-03-02&to=2026-03-01', 'from'],
      ['from=2020-01-01&to=2026-01-01', 'to'],
      ["from=2026-01-01'%20OR%201=1--&to=2026-01-02", 'from'],
    ]) {
      const res = await app.inject({ method: 'GET', url: `/api/v1/shops/tiny-tea/analyses/overview?${query}`, headers: auth });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.field ?? res.json().error.message, query).toContain(field);
    }
  });
});

describe('comparison and filters', () => {
  const tea = () =>
    expected.shops[0] as {
      totals: Record<string, number>;
      daily: Array<Record<string, number | string>>;
      channels?: Record<string, { uv: number }>;
    };
  const sum = (field: string, from: string, to: string) =>
    Math.round(
      tea()
        .daily.filter((d) => String(d.day) >= from && String(d.day) <= to)
        .reduce((a, d) => a + Number(d[field] ?? 0), 0) * 100,
    ) / 100;

  it('compares with the previous period of the same length, by additive totals summed independently', async () => {
    const auth = { authorization: `Bearer ${readKey}` };
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/shops/tiny-tea/analyses/overview?from=2026-11-07&to=2026-11-20',
      headers: auth,
    });
    const body = res.json();
    expect(body.comparison).toMatchObject({ from: '2026-10-24', to: '2026-11-06' });
    for (const field of ['gmv', 'pv', 'paid_orders']) {
      const now = sum(field, '2026-11-07', '2026-11-20');
      const before = sum(field, '2026-10-24', '2026-11-06');
      expect(body.totals[field], field).toBeCloseTo(now, 2);
      expect(body.comparison.totals[field], field).toBeCloseTo(before, 2);
      expect(body.comparison.changes[field].change, field).toBeCloseTo(now - before, 2);
      expect(body.comparison.changes[field].changeRatio, field).toBeCloseTo((now - before) / before, 5);
    }
  });

  it('filters by channel: visitors equal the independently computed channel visitors', async () => {
    const auth = { authorization: `Bearer ${readKey}` };
    const channels = (tea() as unknown as { channels: Record<string, { uv: number }> }).channels;
    for (const channel of ['search', 'live_stream']) {
      const res = await app.inject({
        method: 'GET',
        url: `/api/v1/shops/tiny-tea/analyses/overview?from=${manifest.startDate}&to=${manifest.endDate}&compare=none&channel=${channel}`,
        headers: auth,
      });
      expect(res.json().totals.uv, channel).toBe(channels[channel]?.uv);
      expect(res.json().filters).toEqual({ channels: [channel] });
    }
    const bad = await app.inject({
      method: 'GET',
      url: "/api/v1/shops/tiny-tea/analyses/overview?channel=search'%20UNION%20SELECT%201--",
      headers: auth,
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('traffic by channel', () => {
  it('matches the independent channel visitors and last-touch buyers; last-touch GMV adds up to the total', async () => {
    const auth = { authorization: `Bearer ${readKey}` };
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/shops/tiny-tea/analyses/traffic?from=${manifest.startDate}&to=${manifest.endDate}`,
      headers: auth,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { rows: Array<Record<string, number | string>> };
    const want = expected.shops[0] as unknown as {
      channels: Record<string, { uv: number; paying_buyers: number }>;
      totals: Record<string, number>;
    };
    const got = Object.fromEntries(body.rows.map((r) => [r.value, { uv: r.visitors, paying_buyers: r.last_touch_buyers }]));
    expect(got).toEqual(want.channels);
    const gmv = body.rows.reduce((a, r) => a + Number(r.last_touch_gmv), 0);
    expect(gmv).toBeCloseTo(want.totals.gmv ?? 0, 2);
    for (const r of body.rows) expect(Number(r.pass_through_buyers)).toBeGreaterThanOrEqual(Number(r.last_touch_buyers));
    const bad = await app.inject({ method: 'GET', url: '/api/v1/shops/tiny-tea/analyses/traffic?by=visitor_id', headers: auth });
    expect(bad.statusCode).toBe(400);
    // The message says what would have been accepted, and an unknown parameter is named.
    expect(bad.json()).toEqual({
      error: {
        code: 'VALIDATION_FAILED',
        field: 'by',
        message: 'Invalid querystring field "by": must be one of "channel", "source", "medium", "campaign", "live_room", "sharer"',
      },
    });
    const unknown = await app.inject({ method: 'GET', url: '/api/v1/shops/tiny-tea/analyses/traffic?dimension=channel', headers: auth });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toBe('Invalid querystring: unknown field "dimension"');
  });
});

describe.each(manifest.shops.map((s, i) => ({ ...s, i })))('real time of $slug', ({ slug, i }) => {
  type Figures = { uv: number; pv: number; paid_orders: number; paying_buyers: number; gmv: number };
  const want = (
    expected.shops.find((s) => s.slug === slug) as unknown as {
      realtime: { at: string; hour: number; days: Array<{ day: string; label: string; so_far: Figures; hourly: Figures[] }> };
    }
  ).realtime;

  it('matches the independent hour-by-hour figures for today, yesterday and last week', async () => {
    const shop = shops[i] as Shop;
    const result = await realtime(stores.warehouse.forShop(shop.id), shop, new Date(want.at));
    expect(result.hour).toBe(want.hour);
    expect(result.days.map((d) => [d.day, d.label])).toEqual(want.days.map((d) => [d.day, d.label]));
    for (const [k, day] of result.days.entries()) {
      const w = want.days[k];
      expect(day.soFar, `${day.label} so far`).toEqual(w?.so_far);
      for (let h = 0; h < 24; h++) {
        // Today's hours after "now" have not happened: empty rather than zero.
        if (day.label === 'today' && h > want.hour) expect(day.hourly[h]).toBeNull();
        else expect(day.hourly[h], `${day.label} ${h}:00`).toEqual({ hour: h, ...w?.hourly[h] });
      }
    }
  });
});

describe('GET /api/v1/shops/:shop/analyses/realtime', () => {
  it('takes "now" from ?at and refuses an instant that is not ISO 8601', async () => {
    const auth = { authorization: `Bearer ${readKey}` };
    const at = '2026-11-20T07:00:00.000Z';
    const ok = await app.inject({ method: 'GET', url: `/api/v1/shops/tiny-tea/analyses/realtime?at=${at}`, headers: auth });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().now).toBe(at);
    expect(ok.json().days[0].day).toBe('2026-11-20');
    expect(ok.json().definitions.uv.definition).toContain('distinct visitors');
    const bad = await app.inject({ method: 'GET', url: '/api/v1/shops/tiny-tea/analyses/realtime?at=yesterday', headers: auth });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('at');
  });
});

describe.each(manifest.shops.map((s, i) => ({ ...s, i })))('products of $slug', ({ slug, i }) => {
  const want = (
    expected.shops.find((s) => s.slug === slug) as unknown as {
      products: { from: string; to: string; products: Record<string, Record<string, number | string | null>> };
    }
  ).products;

  it('matches the independent per-product engagement, sales and refunds', async () => {
    const shop = shops[i] as Shop;
    const result = await products(stores.warehouse.forShop(shop.id), shop, { from: want.from, to: want.to }, { limit: 1000 });
    expect(result.productsTotal).toBe(Object.keys(want.products).length);
    const got = Object.fromEntries(result.rows.map(({ product_id, refund_amount, view_to_pay_conversion, ...rest }) => [product_id, rest]));
    for (const [id, w] of Object.entries(want.products)) {
      const { refund_amount, view_to_pay_conversion, ...exact } = w;
      expect(got[id], id).toEqual(exact);
      const row = result.rows.find((r) => r.product_id === id);
      // Shared refunds are fractions of a cent before rounding: within half a cent.
      expect(Math.abs((row?.refund_amount ?? 0) - Number(refund_amount)), `${id} refunds`).toBeLessThan(0.006);
      if (view_to_pay_conversion === null) expect(row?.view_to_pay_conversion, id).toBeNull();
      else expect(row?.view_to_pay_conversion, id).toBeCloseTo(Number(view_to_pay_conversion), 5);
    }
  });

  it('ranks by the chosen metric (ties by product id), limits, and filters by category', async () => {
    const shop = shops[i] as Shop;
    const range = { from: want.from, to: want.to };
    const byViews = Object.entries(want.products).sort(([a, x], [b, y]) => Number(y.views) - Number(x.views) || a.localeCompare(b));
    const top3 = await products(stores.warehouse.forShop(shop.id), shop, range, { sort: 'views', limit: 3 });
    expect(top3.rows.map((r) => r.product_id)).toEqual(byViews.slice(0, 3).map(([id]) => id));
    expect(top3.productsTotal).toBe(byViews.length);
    const category = String(byViews[0]?.[1].category);
    const inCategory = Object.entries(want.products).filter(([, p]) => p.category === category);
    const filtered = await products(stores.warehouse.forShop(shop.id), shop, range, { categories: [category], limit: 1000 });
    expect(filtered.rows.map((r) => r.product_id).sort()).toEqual(inCategory.map(([id]) => id).sort());
  });
});

describe('GET /api/v1/shops/:shop/analyses/products', () => {
  it('serves the ranking with definitions and refuses an unknown sort or limit with a 400', async () => {
    const auth = { authorization: `Bearer ${readKey}` };
    const ok = await app.inject({
      method: 'GET',
      url: '/api/v1/shops/tiny-tea/analyses/products?from=2026-09-29&to=2026-11-15&sort=units&limit=2',
      headers: auth,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().rows).toHaveLength(2);
    expect(ok.json().definitions.view_to_pay_conversion.definition).toContain('product paying buyers / product visitors');
    for (const query of ['sort=name', 'sort=gmv;DROP', 'limit=0', 'limit=5000']) {
      const bad = await app.inject({ method: 'GET', url: `/api/v1/shops/tiny-tea/analyses/products?${query}`, headers: auth });
      expect(bad.statusCode, query).toBe(400);
    }
  });
});

describe('one product: trend and bought together', () => {
  type Detail = {
    product_id: string;
    anchor_orders: number;
    trend: Array<Record<string, number | string>>;
    together: Record<string, { orders_together: number; attach_rate: number; lift: number }>;
  };
  const want = (expected.shops[0] as unknown as { products: { from: string; to: string; detail: Detail } }).products;

  it('matches the independent daily trend and co-purchases of the most co-purchased product', async () => {
    const shop = shops[0] as Shop;
    const d = want.detail;
    const result = await productDetail(stores.warehouse.forShop(shop.id), shop, d.product_id, { from: want.from, to: want.to });
    expect(result.trend).toEqual(d.trend);
    expect(result.anchorOrders).toBe(d.anchor_orders);
    expect(result.boughtTogether.map((r) => r.product_id).sort()).toEqual(Object.keys(d.together).sort());
    for (const r of result.boughtTogether) {
      const w = d.together[r.product_id];
      expect(r.orders_together, r.product_id).toBe(w?.orders_together);
      expect(r.attach_rate, r.product_id).toBeCloseTo(w?.attach_rate ?? Number.NaN, 5);
      expect(r.lift, r.product_id).toBeCloseTo(w?.lift ?? Number.NaN, 3);
    }
  });

  it('answers 404 with the product named for a product nobody has heard of', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/shops/tiny-tea/analyses/products/NO-SUCH-THING',
      headers: { authorization: `Bearer ${readKey}` },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toContain('NO-SUCH-THING');
  });
});

describe.each(manifest.shops.map((s, i) => ({ ...s, i })))('repurchase of $slug', ({ slug, i }) => {
  type Want = {
    from: string;
    to: string;
    cohorts: Record<string, { customers: number; windows: Record<string, { eligible: number; repurchased: number }> }>;
    gaps: number[];
    median_days: number | null;
    second_order: Record<'channel' | 'category' | 'product', Record<string, [number, number]>>;
  };
  const want = (expected.shops.find((s) => s.slug === slug) as unknown as { repurchase: Want }).repurchase;

  it('matches the independent cohorts, purchase intervals and second-order rates', async () => {
    const shop = shops[i] as Shop;
    const result = await repurchase(stores.warehouse.forShop(shop.id), shop, { from: want.from, to: want.to }, 1000);
    expect(
      Object.fromEntries(
        result.cohorts.map((c) => [
          c.cohort,
          {
            customers: c.customers,
            windows: Object.fromEntries(
              Object.entries(c.windows).map(([w, v]) => [w, { eligible: v.eligible, repurchased: v.repurchased }]),
            ),
          },
        ]),
      ),
    ).toEqual(want.cohorts);
    expect(result.intervals.gaps).toBe(want.gaps.length);
    expect(result.intervals.median_days).toBe(want.median_days);
    const sameDay = want.gaps.filter((g) => g === 0).length;
    expect(result.intervals.histogram[0]).toEqual({ bucket: 'same day', gaps: sameDay });
    for (const section of ['channel', 'category', 'product'] as const) {
      const got = Object.fromEntries(result.secondOrder[section].map((r) => [r.value, [r.first_buyers, r.second_buyers]]));
      expect(got, section).toEqual(want.second_order[section]);
    }
  });
});

describe.each(manifest.shops.map((s, i) => ({ ...s, i })))('customers of $slug', ({ slug, i }) => {
  type Want = {
    from: string;
    to: string;
    customers: number;
    segments: Record<string, { customers: number; spend: number }>;
    lifecycle: Record<string, { new: number; returning: number; resurrecting: number; dormant: number }>;
  };
  const want = (expected.shops.find((s) => s.slug === slug) as unknown as { customers: Want }).customers;

  it('matches the independent RFM segments and monthly lifecycle', async () => {
    const shop = shops[i] as Shop;
    const result = await customers(stores.warehouse.forShop(shop.id), shop, { from: want.from, to: want.to });
    expect(result.customers).toBe(want.customers);
    const got = Object.fromEntries(
      result.segments.filter((s) => s.customers > 0).map((s) => [s.segment, { customers: s.customers, spend: s.spend }]),
    );
    expect(got).toEqual(want.segments);
    expect(result.grid.flat().reduce((a, b) => a + b, 0)).toBe(want.customers);
    expect(Object.fromEntries(result.lifecycle.map(({ period, ...rest }) => [period, rest]))).toEqual(want.lifecycle);
  });
});

describe.each(manifest.shops.map((s, i) => ({ ...s, i })))('retention of $slug', ({ slug, i }) => {
  type Case = {
    case: {
      cohort: string;
      cohort_event?: string;
      return: string;
      return_event?: string;
      recurring?: boolean;
      segment?: string;
      period: string;
      week_start: string;
      cumulative: boolean;
      periods: number;
    };
    from: string;
    to: string;
    observed_until: string | null;
    cohorts: Record<string, { size: number; people: Array<number | null>; revenue_per_member: Array<number | null> }>;
  };
  const cases = (expected.shops.find((s) => s.slug === slug) as unknown as { retention: Case[] }).retention;

  it.each(
    cases.map((c) => ({
      ...c,
      name: `${c.case.recurring ? 'recurring ' : ''}${c.case.cohort}${c.case.cohort_event ? `(${c.case.cohort_event})` : ''} → ${c.case.return}${c.case.return_event ? `(${c.case.return_event})` : ''} by ${c.case.period}${c.case.cumulative ? ', on or after' : ''}${c.case.segment ? `, by ${c.case.segment}` : ''}`,
    })),
  )('matches the independent cohorts and revenue per member: $name', async (c) => {
    const shop = shops[i] as Shop;
    const result = await retention(
      stores.warehouse.forShop(shop.id),
      shop,
      { from: c.from, to: c.to },
      {
        cohort: c.case.cohort as RetentionOptions['cohort'],
        cohortEvent: c.case.cohort_event,
        returnEvent: c.case.return as RetentionOptions['returnEvent'],
        returnName: c.case.return_event,
        cohortType: c.case.recurring ? 'recurring' : 'first_time',
        segmentBy: (c.case.segment ?? 'none') as RetentionOptions['segmentBy'],
        period: c.case.period as 'day' | 'week' | 'month',
        weekStart: c.case.week_start as 'monday' | 'sunday',
        cumulative: c.case.cumulative,
        periods: c.case.periods,
      },
    );
    expect(result.observedUntil).toBe(c.observed_until);
    expect(
      Object.fromEntries(
        result.cohorts.map((x) => [
          `${x.segment}|${x.cohort}`,
          { size: x.size, people: x.people, revenue_per_member: x.revenue_per_member },
        ]),
      ),
    ).toEqual(c.cohorts);
  });
});

describe('GET /api/v1/shops/:shop/analyses/retention', () => {
  it('serves the matrix with definitions, and refuses unknown options with a 400', async () => {
    const auth = { authorization: `Bearer ${readKey}` };
    const ok = await app.inject({
      method: 'GET',
      url: `/api/v1/shops/tiny-tea/analyses/retention?from=${manifest.startDate}&to=${manifest.endDate}&cohort=first_visit&return=visit&period=week&mode=on_or_after&periods=8`,
      headers: auth,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().options).toMatchObject({ period: 'week', cumulative: true, periods: 8 });
    expect(ok.json().definitions.retention_rate.definition).toContain('on or after');
    for (const query of [
      'period=year',
      'mode=sometimes',
      'periods=0',
      'periods=61',
      'cohort=first_refund',
      'cohort=first_event',
      'return=event&return_event=x%27%20OR%201%3D1',
      'cohort=first_visit&return=visit&segment=first_category',
      'cohort_type=sometimes',
    ]) {
      const bad = await app.inject({ method: 'GET', url: `/api/v1/shops/tiny-tea/analyses/retention?${query}`, headers: auth });
      expect(bad.statusCode, query).toBe(400);
    }
  });
});
