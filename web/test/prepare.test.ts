/** The pure chart preparations, worked by hand. */
import { describe, expect, it } from 'vitest';
import { OVERVIEW_METRICS } from '../../server/src/analyses/overview.analysis';
import type { OverviewResult } from '../src/api/types';
import { changeOf, rowChanges } from '../src/prepare/change';
import { outsideData } from '../src/prepare/data-days';
import { blockedMeasures, measureGroups } from '../src/prepare/dataset-picks';
import { isAdditive, overviewCards } from '../src/prepare/overview-cards';
import { largestMoves, movementGrid } from '../src/prepare/segment-movement';
import {
  breakdownFunnelSeries,
  bucketLabel,
  cohortCells,
  dailySeries,
  funnelBars,
  hourly,
  shownPeriods,
  waterfall,
} from '../src/prepare/series';

describe('dailySeries', () => {
  const rows = [
    { day: '2026-11-01', gmv: 10, conversion: 0.1 },
    { day: '2026-11-03', gmv: 30, conversion: 0.3 },
  ];
  it('fills a missing day with 0 for an additive metric', () => {
    expect(dailySeries(rows, '2026-11-01', '2026-11-03', (r) => r.gmv, true)).toEqual([
      ['2026-11-01', 10],
      ['2026-11-02', 0],
      ['2026-11-03', 30],
    ]);
  });
  it('leaves a missing day empty for a ratio', () => {
    expect(dailySeries(rows, '2026-11-01', '2026-11-03', (r) => r.conversion, false)[1]).toEqual(['2026-11-02', null]);
  });
});

describe('waterfall', () => {
  it('stacks each driver on the running level, downward bars from their lower end', () => {
    // 3,200 → traffic −400 → conversion +100 → 2,900.
    const bars = waterfall(
      3200,
      [
        { name: 'traffic', amount: -400 },
        { name: 'conversion', amount: 100 },
      ],
      2900,
      { before: 'B', after: 'A' },
    );
    expect(bars.map((b) => [b.name, b.base, b.height, b.kind])).toEqual([
      ['B', 0, 3200, 'total'],
      ['traffic', 2800, 400, 'down'],
      ['conversion', 2800, 100, 'up'],
      ['A', 0, 2900, 'total'],
    ]);
  });
});

describe('shownPeriods', () => {
  it('ends at the last period any cohort observed in any series', () => {
    // Rates observed to period 2 in the first cohort, revenue to period 3 in the second.
    const cohorts = [
      {
        series: [
          [1, 0.1, 0.2, null, null],
          [5, 6, null, null, null],
        ],
      },
      {
        series: [
          [1, null, null, null, null],
          [5, 6, 7, 8, null],
        ],
      },
    ];
    expect(shownPeriods(cohorts, 5)).toBe(4);
    expect(shownPeriods(cohorts, 3)).toBe(3);
  });
  it('shows period 0 even when nothing is observed', () => {
    expect(shownPeriods([], 13)).toBe(1);
    expect(shownPeriods([{ series: [[null, null]] }], 13)).toBe(1);
  });
});

describe('cohortCells', () => {
  it('leaves unobserved periods out rather than drawing them as zero', () => {
    expect(cohortCells([{ values: [1, 0.5, null] }, { values: [1, null, null] }])).toEqual([
      [0, 0, 1],
      [1, 0, 0.5],
      [0, 1, 1],
    ]);
  });
});

describe('hourly', () => {
  it('keeps hours still to come empty and fills quiet past hours with 0', () => {
    const rows = [{ hour: 0, gmv: 5 }, { hour: 1, gmv: null }, null];
    const out = hourly(rows as Array<({ hour: number } & Record<string, number | null>) | null>, 'gmv');
    expect(out.slice(0, 3)).toEqual([5, 0, null]);
    expect(out).toHaveLength(24);
  });
});

describe('breakdownFunnelSeries', () => {
  it('puts the whole funnel first, then each value as shares of its own step 1', () => {
    const steps = (a: number, b: number) => [
      { label: 'view', people: a },
      { label: 'pay', people: b },
    ];
    const series = breakdownFunnelSeries(
      { name: 'All', steps: steps(300, 30) },
      [
        { value: 'search', steps: steps(200, 10) },
        { value: 'ads', steps: steps(100, 20) },
        { value: 'empty', steps: steps(0, 0) },
      ],
      (v) => v.toUpperCase(),
    );
    expect(series.map((s) => [s.name, s.data.map((d) => d.value)])).toEqual([
      ['All', [100, 10]],
      ['SEARCH', [100, 5]],
      ['ADS', [100, 20]],
      ['EMPTY', [0, 0]],
    ]);
    expect(series[2]?.data[1]).toEqual({ name: 'pay', value: 20, people: 20 });
  });
});

describe('funnelBars and bucket labels', () => {
  it('shows each step as a share of step 1', () => {
    expect(
      funnelBars([
        { label: 'view', people: 200 },
        { label: 'pay', people: 13 },
      ]),
    ).toEqual([
      { name: 'view', value: 100, people: 200 },
      { name: 'pay', value: 6.5, people: 13 },
    ]);
    expect(funnelBars([{ label: 'view', people: 0 }])[0]?.value).toBe(0);
  });
  it('names histogram buckets in minutes, hours and days', () => {
    expect(bucketLabel(0, 60)).toBe('< 1 min');
    expect(bucketLabel(3600, 10_800)).toBe('1 h–3 h');
    expect(bucketLabel(2_592_000, null)).toBe('30 d+');
  });
});

describe('changes against the comparison period', () => {
  it('is the change as a share of the earlier figure, either way', () => {
    expect(changeOf(150, 120)).toEqual({ kind: 'ratio', ratio: 0.25 }); // +30 / 120
    expect(changeOf(90, 120)).toEqual({ kind: 'ratio', ratio: -0.25 });
    expect(changeOf(0, 0)).toEqual({ kind: 'ratio', ratio: 0 });
  });
  it('calls a figure that was zero before new, and says nothing when either side is unknown', () => {
    expect(changeOf(3, 0)).toEqual({ kind: 'new' });
    expect(changeOf(null, 5)).toEqual({ kind: 'none' });
    expect(changeOf(5, undefined)).toEqual({ kind: 'none' });
  });
  it('matches rows by key; a row missing before had zero of a count and an unknown ratio', () => {
    const now = [
      { id: 'a', n: 10, rate: 0.5 },
      { id: 'b', n: 4, rate: 0.2 },
    ];
    const before = [{ id: 'a', n: 8, rate: 0.4 }];
    const counts = rowChanges(
      now,
      before,
      (r) => r.id,
      (r) => r.n,
      true,
    );
    expect(counts.get('a')).toEqual({ kind: 'ratio', ratio: 0.25 }); // 2 / 8
    expect(counts.get('b')).toEqual({ kind: 'new' });
    const rates = rowChanges(
      now,
      before,
      (r) => r.id,
      (r) => r.rate,
      false,
    );
    expect(rates.get('a')?.kind).toBe('ratio');
    expect(rates.get('b')).toEqual({ kind: 'none' });
  });
});

describe('movementGrid', () => {
  it('lays every (before, after) pair out, "none" first among the rows, zero where nobody moved', () => {
    const grid = movementGrid(
      ['champions', 'lost'],
      [
        { from_segment: 'none', to_segment: 'champions', customers: 2 },
        { from_segment: 'champions', to_segment: 'lost', customers: 5 },
      ],
    );
    expect(grid.before).toEqual(['none', 'champions', 'lost']);
    expect(grid.after).toEqual(['champions', 'lost']);
    expect(grid.cells).toEqual([
      [0, 0, 2],
      [1, 0, 0],
      [0, 1, 0],
      [1, 1, 5],
      [0, 2, 0],
      [1, 2, 0],
    ]);
  });
  it('adds a "none" column only when somebody is no longer scored', () => {
    expect(movementGrid(['lost'], [{ from_segment: 'lost', to_segment: 'none', customers: 1 }]).after).toEqual(['lost', 'none']);
  });
});

describe('largestMoves', () => {
  it('lists moves between different segments, most customers first, ties in the grid order', () => {
    const moves = [
      { from_segment: 'champions', to_segment: 'champions', customers: 50 }, // stayed: not a move
      { from_segment: 'lost', to_segment: 'champions', customers: 3 },
      { from_segment: 'none', to_segment: 'lost', customers: 3 },
      { from_segment: 'champions', to_segment: 'lost', customers: 9 },
      { from_segment: 'lost', to_segment: 'none', customers: 20 }, // no longer scored: nothing to list
    ];
    expect(largestMoves(['champions', 'lost'], moves, 2)).toEqual([
      { from_segment: 'champions', to_segment: 'lost', customers: 9 },
      { from_segment: 'none', to_segment: 'lost', customers: 3 },
    ]);
  });
});

describe('overviewCards', () => {
  const totals = Object.fromEntries(OVERVIEW_METRICS.map((m) => [m, 1])) as Record<string, number | null>;
  const result = (comparison?: Record<string, number | null>) =>
    ({
      totals: { ...totals, gmv: 120, bounce_rate: 0.3, discount_amount: 10, aov: null },
      ...(comparison ? { comparison: { from: '2026-10-01', to: '2026-10-07', totals: comparison, changes: {} } } : {}),
    }) as unknown as OverviewResult;
  it('shows every figure of the overview analysis once, in its group', () => {
    const shown = overviewCards(result()).flatMap((g) => g.cards.map((c) => c.metric));
    expect([...shown].sort()).toEqual([...OVERVIEW_METRICS].sort());
    expect(overviewCards(result()).map((g) => g.group)).toEqual(['traffic', 'conversion', 'sales', 'buyers', 'coupons']);
  });
  it('gives each figure its change only when there is a comparison; a rising bounce rate or refund is bad news, coupons neither', () => {
    expect(
      overviewCards(result())
        .flatMap((g) => g.cards)
        .every((c) => c.change === undefined),
    ).toBe(true);
    const cards = overviewCards(result({ ...totals, gmv: 100, bounce_rate: 0.4, discount_amount: 0, aov: 50 })).flatMap((g) => g.cards);
    const card = (m: string) => cards.find((c) => c.metric === m);
    // 120 against 100: +20 %; 0.3 against 0.4: −25 %; 10 against nothing: new; no AOV now: nothing to say.
    expect(card('gmv')).toMatchObject({ value: 120, change: { kind: 'ratio', ratio: 0.2 }, lowerIsBetter: false });
    expect(card('bounce_rate')?.change?.kind).toBe('ratio');
    expect(card('bounce_rate')?.change).toHaveProperty('ratio', expect.closeTo(-0.25, 9));
    expect(card('bounce_rate')?.lowerIsBetter).toBe(true);
    expect(card('refund_amount')?.lowerIsBetter).toBe(true);
    expect(card('discount_amount')).toMatchObject({ change: { kind: 'new' }, lowerIsBetter: false, neutral: true });
    expect(card('items_amount')?.neutral).toBe(false);
    expect(card('aov')).toMatchObject({ value: null, change: { kind: 'none' } });
  });
  it('adds up counts and money over days, not rates', () => {
    expect(['count', 'money'].map(isAdditive)).toEqual([true, true]);
    expect(['ratio', 'average', 'seconds', undefined].map(isAdditive)).toEqual([false, false, false, false]);
  });
});

describe('outsideData', () => {
  const days = { first_day: '2011-01-04', last_day: '2011-12-09' };
  it('says when the chosen days are after the data, and offers as many days ending on its last', () => {
    expect(outsideData({ from: '2026-11-17', to: '2026-11-23' }, days)).toEqual({
      side: 'after',
      day: '2011-12-09',
      suggested: { from: '2011-12-03', to: '2011-12-09' },
    });
  });
  it('says when they are before it, and offers as many days from its first', () => {
    expect(outsideData({ from: '2010-12-01', to: '2010-12-30' }, days)).toEqual({
      side: 'before',
      day: '2011-01-04',
      suggested: { from: '2011-01-04', to: '2011-02-02' },
    });
  });
  it('says nothing when any chosen day has data, or the shop has none at all', () => {
    expect(outsideData({ from: '2011-12-09', to: '2011-12-15' }, days)).toBeNull();
    expect(outsideData({ from: '2010-12-29', to: '2011-01-04' }, days)).toBeNull();
    expect(outsideData({ from: '2026-11-17', to: '2026-11-23' }, { first_day: null, last_day: null })).toBeNull();
    expect(outsideData({ from: '2026-11-17', to: '2026-11-23' }, undefined)).toBeNull();
  });
});

describe('blockedMeasures', () => {
  const sides = {
    measures: { uv: ['events'], gmv: ['orders'], item_sales: ['lines'], conversion_rate: ['orders', 'events'] },
    dimensions: { month: ['events', 'orders', 'lines'], category: ['events', 'lines'], refund_reason: ['orders', 'lines'] },
  };
  it('blocks a measure when a chosen dimension does not split every side it is counted on', () => {
    expect(blockedMeasures(sides, ['month'])).toEqual(new Map());
    expect(blockedMeasures(sides, ['month', 'category'])).toEqual(
      new Map([
        ['gmv', 'category'],
        ['conversion_rate', 'category'],
      ]),
    );
    expect(blockedMeasures(sides, ['refund_reason'])).toEqual(
      new Map([
        ['uv', 'refund_reason'],
        ['conversion_rate', 'refund_reason'],
      ]),
    );
    expect(blockedMeasures(undefined, ['category'])).toEqual(new Map());
  });
});

describe('measureGroups', () => {
  it('groups measures by where they are counted, a ratio across two places apart, in the catalogue order', () => {
    const catalogue = {
      measures: { uv: {}, gmv: {}, conversion_rate: {}, item_sales: {}, pv: {} },
      sides: {
        measures: { uv: ['events'], gmv: ['orders'], conversion_rate: ['orders', 'events'], item_sales: ['lines'], pv: ['events'] },
        dimensions: {},
      },
    };
    expect(measureGroups(catalogue)).toEqual([
      { group: 'events', names: ['uv', 'pv'] },
      { group: 'orders', names: ['gmv'] },
      { group: 'lines', names: ['item_sales'] },
      { group: 'mixed', names: ['conversion_rate'] },
    ]);
    expect(measureGroups(undefined)).toEqual([]);
  });
});
