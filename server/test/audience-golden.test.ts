/**
 * Audiences on the golden world's tea shop against sets counted here straight from its files
 * (golden-tea-files.ts) by the written definitions: the known customers; returning buyers of the
 * range (a paid order in it, two or more to date) and what they paid in it; carts not paid (each
 * visitor's events for the customer it first signed in as); buyers of a category (the catalogue's,
 * else the line's); and a segment's audience equal to the customer list of that segment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audience } from '../src/analyses/audience/audience.analysis.js';
import type { AudienceCondition } from '../src/analyses/audience/audience-spec.js';
import { customerList } from '../src/analyses/customer-list.analysis.js';
import type { Shop } from '../src/metadata/index.js';
import type { Stores } from '../src/store/open-stores.js';
import {
  goldenTeaCatalogueCategories,
  goldenTeaCustomerRecords,
  goldenTeaEvents,
  goldenTeaLines,
  goldenTeaPaidOrders,
  shanghai,
} from './golden-tea-files.js';
import { manifest, openGoldenTeaShop } from './golden-world.js';

// The last four weeks: earlier orders count to date, not in the range.
const RANGE = { from: '2026-10-24', to: manifest.endDate };

let stores: Stores;
let dispose: () => Promise<void>;
let shop: Shop;

beforeAll(async () => {
  ({ stores, dispose, shop } = await openGoldenTeaShop());
});
afterAll(async () => dispose());

const inRange = (day: string) => day >= RANGE.from && day <= RANGE.to;
const known = (customers: Iterable<string>) => [...customers].filter(Boolean);
const everyone = { limit: 1000 };
const sorted = (ids: Iterable<string>) => [...ids].sort();
const idsOf = async (conditions: AudienceCondition[]) => {
  const r = await audience(stores.warehouse.forShop(shop.id), shop, RANGE, conditions, everyone);
  expect(r.list).toHaveLength(r.customers);
  return { r, ids: sorted(r.list.map((c) => c.customer_id)) };
};

describe('audiences on the golden tea shop, against its files', () => {
  it('knows the customers seen signed in or paying by the last day, or on record by then', async () => {
    const expected = new Set<string>();
    for (const e of goldenTeaEvents()) if (e.customer && shanghai(e.ts).day <= RANGE.to) expected.add(e.customer);
    for (const o of goldenTeaPaidOrders()) if (o.customer && shanghai(o.paidAt).day <= RANGE.to) expected.add(o.customer);
    for (const c of goldenTeaCustomerRecords()) if (!c.signedUpAt || shanghai(c.signedUpAt).day <= RANGE.to) expected.add(c.customer);
    // Every known customer is in a segment or has none: "none" plus the segments is everyone.
    const { r } = await idsOf([{ field: 'orders_ever', operator: 'gte', value: 0 }]);
    expect(r.known_customers).toBe(expected.size);
    expect(r.customers).toBe(expected.size);
  });

  it('finds the range’s returning buyers and what they paid in it', async () => {
    const orders = goldenTeaPaidOrders().filter((o) => o.customer && shanghai(o.paidAt).day <= RANGE.to);
    const toDate = new Map<string, number>();
    const spend = new Map<string, number>();
    for (const o of orders) {
      toDate.set(o.customer, (toDate.get(o.customer) ?? 0) + 1);
      if (inRange(shanghai(o.paidAt).day)) spend.set(o.customer, (spend.get(o.customer) ?? 0) + o.paid);
    }
    const expected = known(spend.keys()).filter((c) => (toDate.get(c) ?? 0) >= 2);
    expect(expected.length).toBeGreaterThan(0);
    const { r, ids } = await idsOf([
      { field: 'orders', operator: 'gte', value: 1 },
      { field: 'orders_ever', operator: 'gte', value: 2 },
    ]);
    expect(ids).toEqual(sorted(expected));
    expect(r.buyers).toBe(expected.length);
    expect(r.spend).toBeCloseTo(
      expected.reduce((n, c) => n + (spend.get(c) ?? 0), 0),
      2,
    );
  });

  it('finds carts not paid, each visitor counted for the customer it first signed in as', async () => {
    const events = goldenTeaEvents().sort((a, b) => a.ts.localeCompare(b.ts));
    const firstCustomer = new Map<string, string>();
    for (const e of events)
      if (e.customer && shanghai(e.ts).day <= RANGE.to && !firstCustomer.has(e.visitor)) firstCustomer.set(e.visitor, e.customer);
    const carted = new Set<string>();
    for (const e of events) {
      const customer = firstCustomer.get(e.visitor);
      if (customer && e.name === 'add_to_cart' && inRange(shanghai(e.ts).day)) carted.add(customer);
    }
    const paid = new Set(
      goldenTeaPaidOrders()
        .filter((o) => inRange(shanghai(o.paidAt).day))
        .map((o) => o.customer),
    );
    const expected = [...carted].filter((c) => !paid.has(c));
    expect(expected.length).toBeGreaterThan(0);
    const { ids } = await idsOf([
      { field: 'cart_adds', operator: 'gte', value: 1 },
      { field: 'orders', operator: 'eq', value: 0 },
    ]);
    expect(ids).toEqual(sorted(expected));
  });

  it('finds who bought from a category, read from the catalogue, else the line', async () => {
    const catalogue = goldenTeaCatalogueCategories();
    const buyerOf = new Map(
      goldenTeaPaidOrders()
        .filter((o) => inRange(shanghai(o.paidAt).day))
        .map((o) => [o.id, o.customer]),
    );
    const byCategory = new Map<string, Set<string>>();
    for (const l of goldenTeaLines()) {
      const customer = buyerOf.get(l.order);
      if (!customer) continue;
      const category = catalogue.get(l.product) || l.category;
      byCategory.set(category, (byCategory.get(category) ?? new Set()).add(customer));
    }
    const [category, buyers] = [...byCategory.entries()].sort((a, b) => b[1].size - a[1].size)[0] ?? ['', new Set<string>()];
    expect(buyers.size).toBeGreaterThan(1);
    expect((await idsOf([{ field: 'bought_category', operator: 'in', value: [category] }])).ids).toEqual(sorted(buyers));
  });

  it('finds the silver members among the known customers, and the range’s first-time buyers', async () => {
    const signedUpBy = (c: { signedUpAt: string }) => !c.signedUpAt || shanghai(c.signedUpAt).day <= RANGE.to;
    const silver = goldenTeaCustomerRecords().filter((c) => c.memberLevel === 'silver' && signedUpBy(c));
    expect(silver.length).toBeGreaterThan(0);
    expect((await idsOf([{ field: 'member_level', operator: 'in', value: ['silver'] }])).ids).toEqual(
      sorted(silver.map((c) => c.customer)),
    );
    // First paid within the range: days since the first order at most the range's length − 1.
    const first = new Map<string, string>();
    for (const o of goldenTeaPaidOrders()) {
      const day = shanghai(o.paidAt).day;
      if (o.customer && day <= RANGE.to && (first.get(o.customer) ?? '9999') > day) first.set(o.customer, day);
    }
    const newcomers = [...first].filter(([, day]) => inRange(day)).map(([c]) => c);
    expect(newcomers.length).toBeGreaterThan(0);
    const span = (Date.parse(RANGE.to) - Date.parse(RANGE.from)) / 86_400_000;
    expect((await idsOf([{ field: 'days_since_first_order', operator: 'lte', value: span }])).ids).toEqual(sorted(newcomers));
  });

  it('follows the buyers to date for two weeks after the range: who came back and what they paid', async () => {
    const range = { from: RANGE.from, to: '2026-11-06' };
    const orders = goldenTeaPaidOrders().filter((o) => o.customer);
    const buyers = new Set(orders.filter((o) => shanghai(o.paidAt).day <= range.to).map((o) => o.customer));
    const after = orders.filter(
      (o) => buyers.has(o.customer) && shanghai(o.paidAt).day > range.to && shanghai(o.paidAt).day <= '2026-11-20',
    );
    const cameBack = new Set(after.map((o) => o.customer));
    expect(cameBack.size).toBeGreaterThan(0);
    const r = await audience(
      stores.warehouse.forShop(shop.id),
      shop,
      range,
      [{ field: 'orders_ever', operator: 'gte', value: 1 }],
      everyone,
      14,
    );
    expect(r.customers).toBe(buyers.size);
    expect(r.followed).toMatchObject({ from: '2026-11-07', to: '2026-11-20', buyers: cameBack.size, orders: after.length });
    expect(r.followed?.spend).toBeCloseTo(
      after.reduce((n, o) => n + o.paid, 0),
      2,
    );
    expect(r.followed?.rate).toBeCloseTo(cameBack.size / buyers.size, 12);
    expect(sorted(r.list.filter((c) => (c.orders_after ?? 0) > 0).map((c) => c.customer_id))).toEqual(sorted(cameBack));
  });

  it('holds exactly a segment’s customer list for a condition on that segment', async () => {
    let listed = 0;
    for (const segment of ['potential', 'hibernating', 'lost']) {
      const list = await customerList(stores.warehouse.forShop(shop.id), shop, RANGE, { segment, limit: 1000 });
      const { ids } = await idsOf([{ field: 'segment', operator: 'in', value: [segment] }]);
      expect(ids, segment).toEqual(sorted(list.customers.map((c) => c.customer_id)));
      listed += ids.length;
    }
    expect(listed).toBeGreaterThan(0);
  });
});
