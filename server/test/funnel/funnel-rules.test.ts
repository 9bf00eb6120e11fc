/**
 * Each funnel rule of docs/funnels.md on a person built to show it, with the answer worked out
 * by hand. Each person exists for one rule and carries their name as the campaign tag; each
 * funnel filters on that tag, so one world holds every case.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { funnel } from '../../src/analyses/funnel/funnel.analysis.js';
import type { FunnelSpec } from '../../src/analyses/funnel/funnel-spec.js';
import { buildApp } from '../../src/app.js';
import { ApiKeysRepo, type Shop } from '../../src/metadata/index.js';
import type { Stores } from '../../src/store/open-stores.js';
import { openTempStores } from '../temp-stores.js';
import { loadWorld, shanghaiDay, type WorldCustomer } from './funnel-world.js';
import type { RawEvent } from './reference-funnel.js';

// 2026-10-05 02:00 UTC = 10:00 in Shanghai; everything happens on 5 October local time.
const T0 = Date.parse('2026-10-05T02:00:00Z');
const MIN = 60_000;
let n = 0;
const ev = (person: string, minute: number, event: string, extra: Partial<RawEvent> & { plan?: string } = {}): RawEvent => ({
  id: `h${++n}`,
  t: T0 + minute * MIN + (extra.t ?? 0),
  day: shanghaiDay(T0 + minute * MIN),
  event,
  visitor: extra.visitor ?? person,
  customer: extra.customer ?? '',
  props: { campaign: person, ...(extra.plan ? { plan: extra.plan } : {}) },
});

const EVENTS: RawEvent[] = [
  // window: view at 0, cart at exactly 10 minutes (inclusive) → converts in a 600 s window.
  ev('window_in', 0, 'view'),
  ev('window_in', 10, 'cart'),
  // ...and one millisecond later does not.
  ev('window_out', 0, 'view'),
  ev('window_out', 10, 'cart', { t: 1 }),
  // furthest attempt wins: a first view that goes nowhere, then view → cart → pay an hour later.
  ev('furthest', 0, 'view'),
  ev('furthest', 60, 'view'),
  ev('furthest', 61, 'cart'),
  ev('furthest', 62, 'pay'),
  // one event fills one step: view → view needs two views.
  ev('one_view', 0, 'view'),
  ev('two_views', 0, 'view'),
  ev('two_views', 1, 'view'),
  // equal time stamps are applied in step order: cart and view at the same instant still convert.
  ev('same_instant', 5, 'cart'),
  ev('same_instant', 5, 'view'),
  // exclusion: view, coupon, cart → the attempt is removed; the person is not counted at all.
  ev('excluded', 0, 'view'),
  ev('excluded', 1, 'coupon'),
  ev('excluded', 2, 'cart'),
  // ...unless a later clean attempt exists: then that attempt counts.
  ev('excluded_then_clean', 0, 'view'),
  ev('excluded_then_clean', 1, 'coupon'),
  ev('excluded_then_clean', 30, 'view'),
  ev('excluded_then_clean', 31, 'cart'),
  // strict: anything between two steps breaks the attempt (ordered would convert).
  ev('strict', 0, 'view'),
  ev('strict', 1, 'search'),
  ev('strict', 2, 'cart'),
  // unordered: cart before view still completes two steps.
  ev('unordered', 0, 'cart'),
  ev('unordered', 3, 'view'),
  // identity: browses as visitor w1, pays signed in as customer k1 on the same device.
  ev('identity', 0, 'view', { visitor: 'w1' }),
  ev('identity', 4, 'pay', { visitor: 'w1', customer: 'k1' }),
  // property filter: only a gold-plan cart counts as step 2.
  ev('filtered', 0, 'view'),
  ev('filtered', 1, 'cart', { plan: 'free' }),
  ev('filtered', 2, 'cart', { plan: 'gold' }),
];

// The identity person's customer record, in two versions (imported separately): silver, then gold.
// Signed up at 30 September 17:00 UTC, which is 1 October 01:00 in Shanghai. k9 never visits.
const CUSTOMERS: WorldCustomer[] = [
  {
    customer: 'k1',
    signedUpAt: Date.parse('2026-09-30T17:00:00Z'),
    updatedAt: Date.parse('2026-10-01T00:00:00Z'),
    region: 'Zhejiang',
    memberLevel: 'silver',
  },
  { customer: 'k9', signedUpAt: null, updatedAt: Date.parse('2026-10-01T00:00:00Z'), region: 'Beijing', memberLevel: 'gold' },
  {
    customer: 'k1',
    signedUpAt: Date.parse('2026-09-30T17:00:00Z'),
    updatedAt: Date.parse('2026-10-03T00:00:00Z'),
    region: 'Zhejiang',
    memberLevel: 'gold',
  },
];

let stores: Stores;
let dispose: () => Promise<void>;
let shop: Shop;
let app: FastifyInstance;
let readKey = '';

beforeAll(async () => {
  ({ stores, dispose } = await openTempStores());
  shop = await loadWorld(stores, 'rules', EVENTS, CUSTOMERS);
  readKey = (await new ApiKeysRepo(stores.metadata).create({ shopId: shop.id, name: 'r', scopes: ['read'] })).key;
  app = await buildApp({ stores, serveDashboard: false });
});
afterAll(async () => {
  await app.close();
  await dispose();
});

/** A funnel over one person's events (steps filtered on their campaign tag). */
async function peopleAtSteps(person: string, spec: Omit<FunnelSpec, 'steps'> & { steps: FunnelSpec['steps'] }) {
  const only = { property: 'campaign', operator: 'eq' as const, value: person };
  const steps = spec.steps.map((s) => ({ ...s, filters: [...(s.filters ?? []), only] }));
  const result = await funnel(stores.warehouse.forShop(shop.id), shop, { from: '2026-10-05', to: '2026-10-05' }, { ...spec, steps });
  return result;
}
const viewCart = [{ event: 'view' }, { event: 'cart' }];

describe('funnel rules, one person each', () => {
  it('the window is measured from the first step and is inclusive', async () => {
    expect((await peopleAtSteps('window_in', { steps: viewCart, windowSeconds: 600 })).steps.map((s) => s.people)).toEqual([1, 1]);
    expect((await peopleAtSteps('window_out', { steps: viewCart, windowSeconds: 600 })).steps.map((s) => s.people)).toEqual([1, 0]);
  });

  it('every step-1 event starts an attempt and the furthest attempt wins, with its own times', async () => {
    const r = await peopleAtSteps('furthest', { steps: [...viewCart, { event: 'pay' }], windowSeconds: 1800 });
    expect(r.steps.map((s) => s.people)).toEqual([1, 1, 1]);
    expect(r.steps.map((s) => s.median_seconds_from_previous)).toEqual([null, 60, 60]);
    // Completed in 120 s: the 60–300 s bucket.
    expect(r.histogram.find((b) => b.people > 0)).toEqual({ from_seconds: 60, to_seconds: 300, people: 1 });
  });

  it('one event fills at most one step', async () => {
    const twice = [{ event: 'view' }, { event: 'view' }];
    expect((await peopleAtSteps('one_view', { steps: twice })).steps.map((s) => s.people)).toEqual([1, 0]);
    expect((await peopleAtSteps('two_views', { steps: twice })).steps.map((s) => s.people)).toEqual([1, 1]);
  });

  it('events at the same instant are applied in step order', async () => {
    const r = await peopleAtSteps('same_instant', { steps: viewCart });
    expect(r.steps.map((s) => s.people)).toEqual([1, 1]);
    expect(r.steps[1]?.median_seconds_from_previous).toBe(0);
  });

  it('an exclusion between the steps removes the attempt; a clean attempt still counts', async () => {
    const exclusions = [{ event: 'coupon', fromStep: 1, toStep: 2 }];
    expect((await peopleAtSteps('excluded', { steps: viewCart, exclusions })).steps.map((s) => s.people)).toEqual([0, 0]);
    const clean = await peopleAtSteps('excluded_then_clean', { steps: viewCart, exclusions });
    expect(clean.steps.map((s) => s.people)).toEqual([1, 1]);
    expect(clean.steps[1]?.median_seconds_from_previous).toBe(60);
  });

  it('strict order breaks on any other event; ordered does not', async () => {
    expect((await peopleAtSteps('strict', { steps: viewCart, order: 'strict' })).steps.map((s) => s.people)).toEqual([1, 0]);
    expect((await peopleAtSteps('strict', { steps: viewCart, order: 'ordered' })).steps.map((s) => s.people)).toEqual([1, 1]);
  });

  it('unordered funnels count steps done in any order', async () => {
    expect((await peopleAtSteps('unordered', { steps: viewCart, order: 'ordered' })).steps.map((s) => s.people)).toEqual([1, 0]);
    const r = await peopleAtSteps('unordered', { steps: viewCart, order: 'unordered' });
    expect(r.steps.map((s) => [s.label, s.people])).toEqual([
      ['completed 1 of 2', 1],
      ['completed 2 of 2', 1],
    ]);
  });

  it('a visitor who signs in later is one person with the customer', async () => {
    expect((await peopleAtSteps('identity', { steps: [{ event: 'view' }, { event: 'pay' }] })).steps.map((s) => s.people)).toEqual([1, 1]);
  });

  it('step property filters pick the matching event', async () => {
    const goldCart = [
      { event: 'view' },
      { event: 'cart', filters: [{ property: 'properties.plan', operator: 'eq' as const, value: 'gold' }] },
    ];
    const r = await peopleAtSteps('filtered', { steps: goldCart });
    expect(r.steps[1]?.median_seconds_from_previous).toBe(120);
  });

  it('the whole world at once: counts, conversion and trend add up by hand', async () => {
    const r = await funnel(
      stores.warehouse.forShop(shop.id),
      shop,
      { from: '2026-10-05', to: '2026-10-05' },
      { steps: viewCart, windowSeconds: 600 },
    );
    // Step 1, people with a view: window_in, window_out, furthest, one_view, two_views,
    // same_instant, excluded, excluded_then_clean, strict, unordered, identity, filtered = 12.
    // Step 2, a cart within 10 min after a view (no exclusions here): window_in, furthest,
    // same_instant, excluded, excluded_then_clean, strict, filtered = 7.
    expect(r.steps.map((s) => s.people)).toEqual([12, 7]);
    expect(r.steps[1]?.conversion_from_start).toBeCloseTo(7 / 12, 6);
    expect(r.steps[1]?.dropped).toBe(5);
    expect(r.trend).toEqual([{ day: '2026-10-05', entered: 12, converted: 7, conversion: Math.round((7 / 12) * 1e6) / 1e6 }]);
  });

  it('breaks down by first touch with top-N and the rest as (other)', async () => {
    const r = await funnel(
      stores.warehouse.forShop(shop.id),
      shop,
      { from: '2026-10-05', to: '2026-10-05' },
      {
        steps: [{ event: 'view' }, { event: 'pay' }],
        windowSeconds: 3600,
        breakdown: { property: 'campaign', attribution: 'first_touch', limit: 2 },
      },
    );
    // Payers: furthest and identity (1 each); all 12 viewers enter with their own campaign tag.
    // Ranking by entrants ties at 1, broken alphabetically: excluded, excluded_then_clean.
    expect(r.breakdown?.map((b) => [b.value, b.steps.map((s) => s.people)])).toEqual([
      ['excluded', [1, 0]],
      ['excluded_then_clean', [1, 0]],
      ['(other)', [10, 2]],
    ]);
  });

  it('breaks down by a customer attribute: the latest record of the stitched customer; visitors have none', async () => {
    const byPerson = async (property: string) => {
      const r = await funnel(
        stores.warehouse.forShop(shop.id),
        shop,
        { from: '2026-10-05', to: '2026-10-05' },
        { steps: [{ event: 'view' }, { event: 'pay' }], windowSeconds: 3600, breakdown: { property, attribution: 'last_touch', limit: 5 } },
      );
      return r.breakdown?.map((b) => [b.value, b.steps.map((s) => s.people)]);
    };
    // The 12 viewers: "identity" browsed as visitor w1 and paid as k1, so the view is k1's too;
    // the other 11 never signed in. Payers: furthest (a visitor) and identity.
    expect(await byPerson('person.member_level')).toEqual([
      ['(none)', [11, 1]],
      ['gold', [1, 1]],
    ]);
    expect(await byPerson('person.region')).toEqual([
      ['(none)', [11, 1]],
      ['Zhejiang', [1, 1]],
    ]);
    // Signed up on 1 October in Shanghai (30 September in UTC).
    expect(await byPerson('person.signup_month')).toEqual([
      ['(none)', [11, 1]],
      ['2026-10', [1, 1]],
    ]);
  });

  it('a range with no events: zero people and an empty breakdown, whatever the order or breakdown', async () => {
    const scope = stores.warehouse.forShop(shop.id);
    const empty = { from: '2026-09-01', to: '2026-09-03' };
    const breakdowns = [
      undefined,
      { property: 'campaign' },
      { property: 'person.first_channel' },
      { property: 'person.member_level' },
    ] as const;
    for (const order of ['ordered', 'strict', 'unordered'] as const)
      for (const breakdown of breakdowns) {
        const r = await funnel(scope, shop, empty, { steps: viewCart, order, ...(breakdown ? { breakdown } : {}) } as FunnelSpec);
        const context = `${order} ${breakdown?.property ?? 'no breakdown'}`;
        expect(
          r.steps.map((x) => x.people),
          context,
        ).toEqual([0, 0]);
        expect(
          r.trend.map((d) => d.entered),
          context,
        ).toEqual([0, 0, 0]);
        expect(r.breakdown, context).toEqual(breakdown ? [] : null);
      }
  });

  it('refuses malformed funnels with a message', async () => {
    const scope = stores.warehouse.forShop(shop.id);
    const range = { from: '2026-10-05', to: '2026-10-05' };
    await expect(funnel(scope, shop, range, { steps: [{ event: 'view' }] })).rejects.toThrow(/2 to 20 steps/);
    await expect(funnel(scope, shop, range, { steps: viewCart, windowSeconds: 0 })).rejects.toThrow(/window/);
    await expect(
      funnel(scope, shop, range, {
        steps: [{ event: 'view', filters: [{ property: 'password', operator: 'eq', value: 'x' }] }, { event: 'cart' }],
      }),
    ).rejects.toThrow(/unknown property "password"/);
    await expect(
      funnel(scope, shop, range, { steps: viewCart, order: 'unordered', exclusions: [{ event: 'coupon', fromStep: 1, toStep: 1 }] }),
    ).rejects.toThrow(/fromStep < toStep/);
  });
});

describe('funnel over HTTP', () => {
  const post = (payload: unknown) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/shops/rules/analyses/funnel',
      headers: { authorization: `Bearer ${readKey}` },
      payload: payload as object,
    });

  it('returns the same result as the analysis, with window shorthand and snake_case exclusions', async () => {
    const res = await post({
      from: '2026-10-05',
      to: '2026-10-05',
      steps: [{ event: 'view' }, { event: 'cart' }],
      window: '10m',
      exclusions: [{ event: 'coupon', from_step: 1, to_step: 2 }],
    });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { steps: Array<{ people: number }>; spec: { windowSeconds: number }; definitions: Record<string, unknown> };
    // As the whole-world case, minus "excluded" (removed entirely) → 11 people, 6 converting.
    expect(body.steps.map((s) => s.people)).toEqual([11, 6]);
    expect(body.spec.windowSeconds).toBe(600);
    expect(Object.keys(body.definitions)).toContain('funnel_people');
  });

  it('answers malformed or hostile definitions with a 400 that names the problem', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ steps: [{ event: 'view' }] }, /steps/],
      [{ steps: [{ event: "view' OR 1=1 --" }, { event: 'cart' }] }, /event/],
      [{ steps: [{ event: 'view', filters: [{ property: 'password', operator: 'eq', value: 'x' }] }, { event: 'cart' }] }, /password/],
      [{ steps: [{ event: 'view', filters: [{ property: 'channel', operator: 'sleep', value: 'x' }] }, { event: 'cart' }] }, /operator/],
      [{ steps: [{ event: 'view' }, { event: 'cart' }], window: '1 year' }, /window/],
      [{ steps: [{ event: 'view' }, { event: 'cart' }], window: '400d' }, /window/],
      [{ steps: [{ event: 'view' }, { event: 'cart' }], breakdown: { property: "properties.a'b" } }, /breakdown/],
      [{ steps: [{ event: 'view' }, { event: 'cart' }], breakdown: { property: 'person.password' } }, /person\.member_level/],
      [{ steps: [{ event: 'view' }, { event: 'cart' }], exclusions: [{ event: 'coupon', from_step: 2, to_step: 2 }] }, /toStep|to_step/],
      [{ steps: [{ event: 'view' }, { event: 'cart' }], sql: 'SELECT 1' }, /sql|additional/i],
    ];
    for (const [payload, message] of cases) {
      const res = await post(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.body, JSON.stringify(payload)).toMatch(message);
    }
  });
});
