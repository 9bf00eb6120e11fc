/**
 * The store-wide analyses on the golden tiny world (golden-world.ts), against the answers
 * computed independently by fixtures/golden/compute_expected.py: the overview (every day and the
 * totals, over the API, with comparison and filters), traffic by channel and real time; and that
 * the ranked analyses (products, search terms, paths) compare the same rows across periods.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overview } from '../src/analyses/overview.analysis.js';
import { type RealtimeChannel, type RealtimeLiveRoom, type RealtimeProduct, realtime } from '../src/analyses/realtime.analysis.js';
import type { Shop } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import { expected, manifest, openGoldenWorld } from './golden-world.js';

let stores: Stores;
let app: FastifyInstance;
let shops: Shop[] = [];
let readKey = '';
let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  ({ stores, app, shops, readKey, close } = await openGoldenWorld());
});
afterAll(async () => close());

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
  'items_amount',
  'discounted_orders',
  'discount_amount',
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
      // Amount per order (笔单价) from the day's independent payment amount and paid orders.
      const paid = Number(w?.paid_orders ?? 0);
      if (paid === 0) expect(day.amount_per_order, day.day).toBeNull();
      else expect(day.amount_per_order, day.day).toBeCloseTo(Number(w?.gmv) / paid, 2);
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
      items_amount: t.items_amount,
      discounted_orders: t.discounted_orders,
      discount_amount: t.discount_amount,
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
      items_amount: want?.totals.items_amount,
      discounted_orders: want?.totals.discounted_orders,
      discount_amount: want?.totals.discount_amount,
      new_buyers: want?.totals.new_buyers,
      repeat_buyers: want?.totals.repeat_buyers,
    });
    expect(t.conversion_rate).toBeCloseTo((want?.totals.paying_buyers ?? 0) / (want?.totals.uv ?? 1), 5);
    expect(t.aov).toBeCloseTo((want?.totals.gmv ?? 0) / (want?.totals.paying_buyers ?? 1), 2);
    expect(t.amount_per_order).toBeCloseTo((want?.totals.gmv ?? 0) / (want?.totals.paid_orders ?? 1), 2);
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
    // Its days are the earlier period's own overview, day by day.
    const earlier = await app.inject({
      url: '/api/v1/shops/tiny-tea/analyses/overview?from=2026-10-24&to=2026-11-06&compare=none',
      headers: auth,
    });
    expect(body.comparison.daily).toEqual(earlier.json().daily);
    for (const field of ['gmv', 'pv', 'paid_orders']) {
      const now = sum(field, '2026-11-07', '2026-11-20');
      const before = sum(field, '2026-10-24', '2026-11-06');
      expect(body.totals[field], field).toBeCloseTo(now, 2);
      expect(body.comparison.totals[field], field).toBeCloseTo(before, 2);
      expect(body.comparison.changes[field].change, field).toBeCloseTo(now - before, 2);
      expect(body.comparison.changes[field].changeRatio, field).toBeCloseTo((now - before) / before, 5);
    }
  });

  it('compares with the same days a year before (compare=year), where this world has no data yet', async () => {
    const auth = { authorization: `Bearer ${readKey}` };
    const res = await app.inject({
      url: '/api/v1/shops/tiny-tea/analyses/overview?from=2026-11-07&to=2026-11-20&compare=year',
      headers: auth,
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.comparison).toMatchObject({ from: '2025-11-07', to: '2025-11-20', totals: { gmv: 0, paid_orders: 0, uv: 0 } });
    expect(body.totals.gmv).toBeCloseTo(sum('gmv', '2026-11-07', '2026-11-20'), 2);
    expect(body.comparison.changes.gmv).toMatchObject({ previous: 0, changeRatio: null });
    // Ranked analyses take it too.
    const products = await app.inject({
      url: '/api/v1/shops/tiny-tea/analyses/products?from=2026-11-07&to=2026-11-20&compare=year',
      headers: auth,
    });
    expect(products.json().comparison).toMatchObject({ from: '2025-11-07', to: '2025-11-20' });
    const bad = await app.inject({ url: '/api/v1/shops/tiny-tea/analyses/overview?compare=yearly', headers: auth });
    expect(bad.statusCode).toBe(400);
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
        message:
          'Invalid querystring field "by": must be one of "channel", "source", "medium", "campaign", "live_room", "sharer", "device", "region", "hour", "weekday"',
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

describe.each(manifest.shops.map((s, i) => ({ ...s, i })))("real time's channels, live rooms and top products of $slug", ({ slug, i }) => {
  type Breakdown = {
    at: string;
    channels: RealtimeChannel[];
    live_rooms: RealtimeLiveRoom[];
    products: RealtimeProduct[];
    products_by_visitors: RealtimeProduct[];
    products_by_cart_adds: RealtimeProduct[];
  };
  const shopWant = expected.shops.find((s) => s.slug === slug) as unknown as {
    realtime: Breakdown;
    realtime_breakdowns: Breakdown[];
  };
  const cases = [{ ...shopWant.realtime }, ...shopWant.realtime_breakdowns];

  it.each(cases.map((c) => ({ ...c, label: c.at })))('match the independent computation as of $label', async (want) => {
    const shop = shops[i] as Shop;
    const result = await realtime(stores.warehouse.forShop(shop.id), shop, new Date(want.at));
    expect(result.channels).toEqual(want.channels);
    expect(result.liveRooms).toEqual(want.live_rooms);
    expect(result.products).toEqual(want.products);
    expect(result.productsByVisitors).toEqual(want.products_by_visitors);
    expect(result.productsByCartAdds).toEqual(want.products_by_cart_adds);
  });

  it('has paid orders, product views, cart adds and a live room today in at least one case (so every ranking is tested at all)', () => {
    expect(cases.some((c) => c.products.length > 0)).toBe(true);
    expect(cases.some((c) => c.products_by_visitors.length > 0)).toBe(true);
    expect(cases.some((c) => c.products_by_cart_adds.length > 0)).toBe(true);
    expect(cases.some((c) => c.live_rooms.some((r) => r.visitors > 0 && r.yesterday_visitors > 0))).toBe(true);
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

describe('ranked analyses compare the same rows', () => {
  const auth = () => ({ authorization: `Bearer ${readKey}` });
  const get = async (path: string) => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/shops/tiny-tea/analyses/${path}`, headers: auth() });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    return res.json();
  };
  const now = 'from=2026-11-14&to=2026-11-20';
  const before = 'from=2026-11-07&to=2026-11-13';

  it('products: each row’s figures from before are that product’s in the whole earlier ranking', async () => {
    const r = await get(`products?${now}&limit=5&compare=previous`);
    const earlier = await get(`products?${before}&limit=1000`);
    const ids = r.rows.map((p: { product_id: string }) => p.product_id);
    const wanted = earlier.rows.filter((p: { product_id: string }) => ids.includes(p.product_id));
    expect(r.comparison.result.rows).toEqual(wanted);
    // The earlier period counts its own products, not only the five asked for.
    expect(r.comparison.result.productsTotal).toBe(earlier.productsTotal);
    // The case this is for: a product in this week's five that was not in last week's.
    const earlierTop = earlier.rows.slice(0, 5).map((p: { product_id: string }) => p.product_id);
    expect(ids.some((id: string) => !earlierTop.includes(id))).toBe(true);
  });

  it('search terms: each row’s figures from before are that term’s, with the earlier totals whole', async () => {
    const r = await get(`search-terms?${now}&limit=5&compare=previous`);
    const earlier = await get(`search-terms?${before}&limit=500`);
    const terms = r.rows.map((t: { term: string }) => t.term);
    expect(r.comparison.result.rows).toEqual(earlier.rows.filter((t: { term: string }) => terms.includes(t.term)));
    expect(r.comparison.result.totals).toEqual(earlier.totals);
    const earlierTop = earlier.rows.slice(0, 5).map((t: { term: string }) => t.term);
    expect(terms.some((t: string) => !earlierTop.includes(t))).toBe(true);
  });

  it('paths: the earlier period names the same steps, and its entries add up to its sessions', async () => {
    const r = await get(`paths?${now}&top=3&compare=previous`);
    expect(r.comparison.result.named_steps).toEqual(r.named_steps);
    const steps = new Set([...r.named_steps, '(other)']);
    for (const e of r.comparison.result.entries) expect(steps.has(e.step), e.step).toBe(true);
    const tea = expected.shops[0] as unknown as { daily: Array<{ day: string; sessions: number }> };
    const sessions = tea.daily.filter((d) => d.day >= '2026-11-07' && d.day <= '2026-11-13').reduce((a, d) => a + d.sessions, 0);
    expect(r.comparison.result.entries.reduce((a: number, e: { sessions: number }) => a + e.sessions, 0)).toBe(sessions);
  });
});
