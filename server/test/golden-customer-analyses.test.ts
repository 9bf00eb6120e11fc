/**
 * The product and customer analyses on the golden tiny world (golden-world.ts), against the
 * answers computed independently by fixtures/golden/compute_expected.py: products, one product,
 * refunds of sales, repurchase, customers and retention.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerList } from '../src/analyses/customer-list.analysis.js';
import { customers } from '../src/analyses/customers.analysis.js';
import { productBuyers } from '../src/analyses/product-buyers.analysis.js';
import { productDetail } from '../src/analyses/product-detail.analysis.js';
import { products } from '../src/analyses/products.analysis.js';
import { refunds } from '../src/analyses/refunds.analysis.js';
import { repurchase } from '../src/analyses/repurchase.analysis.js';
import { type RetentionOptions, retention } from '../src/analyses/retention.analysis.js';
import { segmentMovement } from '../src/analyses/segment-movement.analysis.js';
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

describe.each(manifest.shops.map((s, i) => ({ ...s, i })))('refunds of the sales of $slug', ({ slug, i }) => {
  type Figures = { paid_orders: number; gmv: number; refunded_orders: number; full_refunds: number; refund_amount: number };
  const want = (
    expected.shops.find((s) => s.slug === slug) as unknown as {
      refunds: {
        from: string;
        to: string;
        totals: Figures;
        days_to_refund: Record<string, number>;
        channels: Record<string, Figures>;
        reasons: Record<string, Pick<Figures, 'refunded_orders' | 'full_refunds' | 'refund_amount'>>;
        live_rooms: Record<string, Figures>;
        categories: Record<string, Figures>;
        products: Record<string, Figures>;
      };
    }
  ).refunds;
  const figures = (r: Figures): Figures => ({
    paid_orders: r.paid_orders,
    gmv: r.gmv,
    refunded_orders: r.refunded_orders,
    full_refunds: r.full_refunds,
    refund_amount: r.refund_amount,
  });

  it('matches the independent totals, days to refund, and split by channel, live room, reason, category and product', async () => {
    const shop = shops[i] as Shop;
    const result = await refunds(stores.warehouse.forShop(shop.id), shop, { from: want.from, to: want.to }, { limit: 1000 });
    expect(figures(result.totals)).toEqual(want.totals);
    // The paying days add up to the totals.
    expect(result.daily.reduce((a, d) => a + d.paid_orders, 0)).toBe(want.totals.paid_orders);
    const delays = Object.entries(want.days_to_refund).flatMap(([days, n]) => Array<number>(n).fill(Number(days)));
    expect(result.daysToRefund.orders).toBe(delays.length);
    const sorted = delays.sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    expect(result.totals.median_days_to_refund).toBe(
      sorted.length === 0 ? null : sorted.length % 2 ? sorted[mid] : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2,
    );
    expect(Object.fromEntries(result.byChannel.map((r) => [r.channel, figures(r)]))).toEqual(want.channels);
    expect(Object.fromEntries(result.byLiveRoom.map((r) => [r.live_room, figures(r)]))).toEqual(want.live_rooms);
    expect(
      Object.fromEntries(
        result.byReason.map((r) => [
          r.reason,
          { refunded_orders: r.refunded_orders, full_refunds: r.full_refunds, refund_amount: r.refund_amount },
        ]),
      ),
    ).toEqual(want.reasons);
    expect(Object.fromEntries(result.byCategory.map((r) => [r.category, figures(r)]))).toEqual(want.categories);
    expect(Object.fromEntries(result.byProduct.map((r) => [r.product_id, figures(r)]))).toEqual(want.products);
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
    buyers: Array<Record<string, number | string>>;
    guest_orders: number;
  };
  const want = (expected.shops[0] as unknown as { products: { from: string; to: string; detail: Detail } }).products;

  it('matches the independent daily trend and co-purchases of the most co-purchased product', async () => {
    const shop = shops[0] as Shop;
    const d = want.detail;
    const result = await productDetail(stores.warehouse.forShop(shop.id), shop, d.product_id, { from: want.from, to: want.to });
    expect(result.trend).toEqual(d.trend);
    expect(result.anchorOrders).toBe(d.anchor_orders);
    // Named as the independent computation names it from the catalogue.
    const named = (want as unknown as { products: Record<string, { name: string; category: string }> }).products[d.product_id];
    expect({ name: result.name, category: result.category }).toEqual({ name: named?.name, category: named?.category });
    expect(result.boughtTogether.map((r) => r.product_id).sort()).toEqual(Object.keys(d.together).sort());
    for (const r of result.boughtTogether) {
      const w = d.together[r.product_id];
      expect(r.orders_together, r.product_id).toBe(w?.orders_together);
      expect(r.attach_rate, r.product_id).toBeCloseTo(w?.attach_rate ?? Number.NaN, 5);
      expect(r.lift, r.product_id).toBeCloseTo(w?.lift ?? Number.NaN, 3);
    }
  });

  it('lists who bought it as the independent computation does: every known buyer, largest amount first', async () => {
    const shop = shops[0] as Shop;
    const d = want.detail;
    const result = await productBuyers(
      stores.warehouse.forShop(shop.id),
      shop,
      d.product_id,
      { from: want.from, to: want.to },
      { limit: 1000 },
    );
    expect(d.buyers.length).toBeGreaterThan(3);
    expect(result.buyers).toEqual(d.buyers);
    expect(result.total).toBe(d.buyers.length);
    expect(result.guest_orders).toBe(d.guest_orders);
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
    second_order: Record<
      'channel' | 'live_room' | 'category' | 'product' | 'refund' | 'discount' | 'value',
      Record<string, [number, number]>
    >;
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
    for (const section of ['channel', 'live_room', 'category', 'product', 'refund', 'discount'] as const) {
      const got = Object.fromEntries(result.secondOrder[section].map((r) => [r.value, [r.first_buyers, r.second_buyers]]));
      expect(got, section).toEqual(want.second_order[section]);
    }
    // By the first order's value band: every band of the ladder listed, those with first buyers as computed.
    const bands = result.secondOrder.value.filter((r) => r.first_buyers > 0);
    expect(Object.fromEntries(bands.map((r) => [r.value, [r.first_buyers, r.second_buyers]])), 'value').toEqual(want.second_order.value);
    expect(result.secondOrder.value).toHaveLength(8);
  });
});

describe.each(manifest.shops.map((s, i) => ({ ...s, i })))('customers of $slug', ({ slug, i }) => {
  type Want = {
    from: string;
    to: string;
    customers: number;
    segments: Record<string, { customers: number; spend: number }>;
    lists: Record<string, { total: number; first: Array<Record<string, unknown>> }>;
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
    // Every figure of a segment row has its written definition served with the result.
    const figures = Object.keys(result.segments[0] ?? {}).filter((k) => k !== 'segment' && k !== 'meaning');
    expect(figures.length).toBeGreaterThan(0);
    for (const k of figures) expect(result.definitions[`segment_${k}`]?.definition, k).toMatch(/\S/);
  });

  it('lists each segment’s customers as the independent computation does, largest spenders first', async () => {
    const shop = shops[i] as Shop;
    const scope = stores.warehouse.forShop(shop.id);
    const range = { from: want.from, to: want.to };
    for (const [segment, list] of Object.entries(want.lists)) {
      const got = await customerList(scope, shop, range, { ...(segment === 'all' ? {} : { segment }), limit: 3 });
      expect(got.total, segment).toBe(list.total);
      expect(
        got.customers.map(({ segment: _s, ...c }) => c),
        segment,
      ).toEqual(list.first);
      if (segment !== 'all')
        expect(
          got.customers.every((c) => c.segment === segment),
          segment,
        ).toBe(true);
    }
    // Pages walk the whole list once: every scored customer, none twice.
    const all = want.lists.all?.total ?? 0;
    const seen: string[] = [];
    for (let offset = 0; offset < all + 5; offset += 5) {
      const page = await customerList(scope, shop, range, { limit: 5, offset });
      expect(page.total).toBe(all);
      seen.push(...page.customers.map((c) => c.customer_id));
    }
    expect(new Set(seen).size).toBe(all);
    expect(seen).toHaveLength(all);
  });
});

describe.each(manifest.shops.map((s, i) => ({ ...s, i })))('segment movement of $slug', ({ slug, i }) => {
  const want = (
    expected.shops.find((s) => s.slug === slug) as unknown as {
      segment_movement: { from: string; to: string; moves: Record<string, number> };
    }
  ).segment_movement;

  it('moves customers between segments as the independent computation does', async () => {
    const shop = shops[i] as Shop;
    const result = await segmentMovement(stores.warehouse.forShop(shop.id), shop, { from: want.from, to: want.to });
    expect(Object.fromEntries(result.moves.map((m) => [`${m.from_segment}>${m.to_segment}`, m.customers]))).toEqual(want.moves);
    const total = Object.values(want.moves).reduce((a, b) => a + b, 0);
    expect(result.customers_after).toBe(total);
    expect(result.new_customers).toBe(Object.entries(want.moves).reduce((a, [k, n]) => a + (k.startsWith('none>') ? n : 0), 0));
  });

  it('lists as many customers behind each move as the independent computation counts', async () => {
    const shop = shops[i] as Shop;
    const scope = stores.warehouse.forShop(shop.id);
    for (const [move, n] of Object.entries(want.moves)) {
      const [fromSegment, segment] = move.split('>');
      const list = await customerList(scope, shop, { from: want.from, to: want.to }, { segment, fromSegment, limit: 1000 });
      expect(list.total, move).toBe(n);
      expect(list.customers.every((c) => c.segment === segment)).toBe(true);
    }
  });

  it('lists as many customers behind each segment’s flows as the independent moves add up to', async () => {
    const shop = shops[i] as Shop;
    const scope = stores.warehouse.forShop(shop.id);
    const pairs = Object.entries(want.moves).map(([k, n]) => ({ from: k.split('>')[0], to: k.split('>')[1], n }));
    const sum = (keep: (p: { from?: string; to?: string }) => boolean) => pairs.filter(keep).reduce((a, p) => a + p.n, 0);
    const segments = new Set(pairs.map((p) => p.to));
    for (const segment of segments) {
      const flows = {
        in: sum((p) => p.to === segment && p.from !== segment),
        out: sum((p) => p.from === segment && p.to !== segment),
        stayed: sum((p) => p.from === segment && p.to === segment),
      };
      for (const move of ['in', 'out', 'stayed'] as const) {
        const list = await customerList(scope, shop, { from: want.from, to: want.to }, { segment, move, limit: 1000 });
        expect(list.total, `${segment} ${move}`).toBe(flows[move]);
        expect(list.customers.every((c) => (move === 'out' ? c.segment !== segment : c.segment === segment))).toBe(true);
      }
    }
  });
});

describe('GET /api/v1/shops/:shop/analyses/segment-movement', () => {
  const auth = () => ({ authorization: `Bearer ${readKey}` });
  it('serves the moves with definitions, as CSV too, and refuses a bad day with a 400 naming it', async () => {
    const url = '/api/v1/shops/tiny-tea/analyses/segment-movement?from=2026-10-22&to=2026-11-20';
    const ok = await app.inject({ method: 'GET', url, headers: auth() });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ before: '2026-10-21', at: '2026-11-20' });
    expect(ok.json().definitions.segment_moved_out.definition).toMatch(/\S/);
    const csv = await app.inject({ method: 'GET', url: `${url}&format=csv&table=moves`, headers: auth() });
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^from_segment,to_segment,customers/);
    expect(lines).toHaveLength(ok.json().moves.length + 1);
    const bad = await app.inject({
      method: 'GET',
      url: '/api/v1/shops/tiny-tea/analyses/segment-movement?from=2026-13-01',
      headers: auth(),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/from/);
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
