/**
 * Property test: on random small event sets (equal time stamps, repeated steps, sign-ins,
 * exclusion events, events outside the range) and random funnel definitions, the product's
 * funnel — ClickHouse query plus attempt rules — equals the plain reference implementation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { funnel } from '../../src/analyses/funnel/funnel.analysis.js';
import type { FunnelSpec } from '../../src/analyses/funnel/funnel-spec.js';
import type { Shop } from '../../src/metadata/index.js';
import type { Stores } from '../../src/store/open-stores.js';
import { rng } from '../random.js';
import { openTempStores } from '../temp-stores.js';
import { asRawCustomer, loadWorld, shanghaiDay, type WorldCustomer } from './funnel-world.js';
import { type RawCustomer, type RawEvent, type RefSpec, referenceFunnel } from './reference-funnel.js';

const NAMES = ['a', 'b', 'c', 'd', 'x'] as const;
const CHANNELS = ['search', 'ads', 'live_stream'] as const;
const RANGE = { from: '2026-10-04', to: '2026-10-06' };
// 2026-10-03 16:00Z is 4 October 00:00 in Shanghai; events start a day earlier so some fall outside.
const BASE = Date.parse('2026-10-02T16:00:00Z');

/** Some events have no plan at all (the key is absent, not empty). */
const plan = (p: string): Record<string, string> => (p ? { plan: p } : {});

function randomWorld(seed: number): RawEvent[] {
  const r = rng(seed);
  const events: RawEvent[] = [];
  let id = 0;
  for (let v = 1; v <= 45; v++) {
    const visitor = `v${v}`;
    // Some visitors sign in (from some event on); a few customers use two devices.
    const customer = r.chance(0.35) ? `c${r.chance(0.2) ? 1 : v}` : '';
    const signInAt = r.int(0, 5);
    let t = BASE + r.int(0, 4 * 24 * 60) * 60_000;
    const count = r.int(1, 9);
    for (let k = 0; k < count; k++) {
      // Minute steps, often the same instant, sometimes a long gap.
      if (!r.chance(0.25)) t += r.pick([1, 2, 5, 30, 90, 600, 1500]) * 60_000;
      if (t > BASE + 5 * 86_400_000 - 1) break;
      events.push({
        id: `e${++id}`,
        t,
        day: shanghaiDay(t),
        event: r.pick(NAMES),
        visitor,
        customer: customer && k >= signInAt ? customer : '',
        props: { channel: r.pick(CHANNELS), score: String(r.int(0, 9)), ...plan(r.pick(['gold', 'free', ''])) },
      });
    }
  }
  return events;
}

/**
 * Records for most of the world's customers (a separate random stream, so the events stay as they
 * were): empty attributes, no sign-up time, sign-ups around a month boundary that falls on a
 * different instant in Shanghai than in UTC, and a second, later version for some.
 */
function randomCustomers(seed: number, events: RawEvent[]): WorldCustomer[] {
  const r = rng(seed * 31 + 7);
  const ids = [...new Set(events.map((e) => e.customer).filter((c) => c !== ''))].sort();
  const out: WorldCustomer[] = [];
  // 30 September 12:00Z to 1 October 04:00Z: local months change at 30 September 16:00Z.
  const signups = Date.parse('2026-09-30T12:00:00Z');
  for (const customer of ids) {
    if (!r.chance(0.75)) continue;
    const signedUpAt = r.chance(0.2) ? null : signups + r.int(0, 16 * 60) * 60_000;
    const updatedAt = BASE + r.int(0, 3000) * 60_000;
    const record = () => ({ region: r.pick(['Zhejiang', 'Beijing', '']), memberLevel: r.pick(['regular', 'silver', 'gold', '']) });
    out.push({ customer, signedUpAt, updatedAt, ...record() });
    if (r.chance(0.35)) out.push({ customer, signedUpAt, updatedAt: updatedAt + r.int(1, 3000) * 60_000, ...record() });
  }
  return out;
}

function randomSpec(seed: number): FunnelSpec & RefSpec {
  const r = rng(seed * 7919 + 1);
  const n = r.int(2, 4);
  const filter = () =>
    r.pick([
      { property: 'channel', operator: 'eq', value: [r.pick(CHANNELS), r.pick(CHANNELS)] },
      { property: 'properties.plan', operator: 'eq', value: 'gold' },
      { property: 'properties.plan', operator: 'is_set' },
      { property: 'channel', operator: 'neq', value: 'ads' },
      { property: 'properties.score', operator: 'gte', value: 4 },
      { property: 'channel', operator: 'contains', value: 'EAR' },
    ] as const);
  const steps = Array.from({ length: n }, () => ({
    event: r.pick(['a', 'b', 'c', 'd'] as const),
    filters: r.chance(0.3) ? [{ ...filter() }] : [],
  }));
  const order = r.pick(['ordered', 'ordered', 'strict', 'unordered'] as const);
  const exclusions = r.chance(0.35)
    ? [
        order === 'unordered'
          ? { event: 'x', filters: [], fromStep: 1, toStep: n }
          : (() => {
              const fromStep = r.int(1, n - 1);
              return { event: 'x', filters: [], fromStep, toStep: r.int(fromStep + 1, n) };
            })(),
      ]
    : [];
  const breakdown = r.chance(0.6)
    ? {
        property: r.pick([
          'channel',
          'properties.plan',
          'person.first_channel',
          'person.member_level',
          'person.region',
          'person.signup_month',
        ]),
        attribution: r.pick(['first_touch', 'last_touch', 'all_steps'] as const),
        limit: r.int(1, 3),
      }
    : null;
  return { steps, windowSeconds: r.pick([60, 300, 3600, 86_400, 172_800]), order, exclusions, breakdown } as FunnelSpec & RefSpec;
}

let stores: Stores;
let dispose: () => Promise<void>;
const worlds: Array<{ seed: number; shop: Shop; events: RawEvent[]; customers: RawCustomer[] }> = [];

beforeAll(async () => {
  ({ stores, dispose } = await openTempStores());
  for (const seed of [11, 23, 37, 41]) {
    const events = randomWorld(seed);
    const customers = randomCustomers(seed, events);
    worlds.push({
      seed,
      shop: await loadWorld(stores, `random-${seed}`, events, customers),
      events,
      customers: customers.map(asRawCustomer),
    });
  }
});
afterAll(async () => {
  await dispose();
});

const EDGES = [0, 60, 300, 900, 3600, 10_800, 43_200, 86_400, 259_200, 604_800, 1_209_600, 2_592_000];

describe('funnels on random event sets equal the reference implementation', () => {
  it('agrees on 160 random funnels over 4 random worlds', async () => {
    let compared = 0;
    let nonTrivial = 0;
    for (const world of worlds) {
      for (let k = 0; k < 40; k++) {
        const seed = world.seed * 1000 + k;
        const spec = randomSpec(seed);
        const got = await funnel(stores.warehouse.forShop(world.shop.id), world.shop, RANGE, spec);
        const want = referenceFunnel(world.events, spec, RANGE, world.customers);
        const context = `world ${world.seed}, spec seed ${seed}: ${JSON.stringify(spec)}`;
        expect(
          got.steps.map((s) => s.people),
          context,
        ).toEqual(want.people);
        expect(
          got.steps.map((s) => s.median_seconds_from_previous),
          context,
        ).toEqual(want.medians.map((m) => (m === null ? null : m / 1000)));
        got.steps.forEach((s, i) => {
          const w = want.averages[i];
          if (w === null || w === undefined) expect(s.avg_seconds_from_previous, context).toBeNull();
          else expect(s.avg_seconds_from_previous, context).toBeCloseTo(w / 1000, 3);
        });
        const histogramWant = got.histogram.map(
          (b) => want.completedDurations.filter((d) => d >= b.from_seconds && (b.to_seconds === null || d < b.to_seconds)).length,
        );
        expect(
          got.histogram.map((b) => b.people),
          context,
        ).toEqual(histogramWant);
        expect(
          got.histogram.reduce((s, b) => s + b.people, 0),
          context,
        ).toBe(want.completedDurations.length);
        expect(
          got.histogram.map((b) => b.from_seconds),
          context,
        ).toEqual(EDGES.filter((e) => e <= spec.windowSeconds));
        for (const day of got.trend) {
          expect({ day: day.day, entered: day.entered, converted: day.converted }, context).toEqual({
            day: day.day,
            ...(want.trend[day.day] ?? { entered: 0, converted: 0 }),
          });
        }
        expect(Object.keys(want.trend).every((d) => d >= RANGE.from && d <= RANGE.to)).toBe(true);
        expect(got.breakdown?.map((b) => ({ value: b.value, people: b.steps.map((s) => s.people) })) ?? null, context).toEqual(
          want.breakdown,
        );
        compared++;
        if ((want.people[1] ?? 0) > 0 && (want.people[0] ?? 0) > (want.people[1] ?? 0)) nonTrivial++;
      }
    }
    expect(compared).toBe(160);
    // The random funnels must exercise real conversion and real drop-off, not empty results.
    expect(nonTrivial).toBeGreaterThan(60);
  }, 120_000);
});
