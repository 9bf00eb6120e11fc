/**
 * The funnel's Arrow reader against the same rows read as JSON: the engine writes the funnel's
 * answer shape (lists of times, masks, values, days; single-step groups) in several record
 * batches (a small max_block_size), and every person must come out as the JSON rows say.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PersonEvents } from '../../src/analyses/funnel/funnel-attempts.js';
import { NONE_VALUE, readFunnelPeople } from '../../src/analyses/funnel/funnel-rows.js';
import { openTempStores } from '../temp-stores.js';

// 25 rows: every fifth a single-step group, the last a day's count of single-step entrants; the
// others a person with n % 4 + 1 events, some with a breakdown value (including non-ASCII text)
// and some without.
const SHAPE = `
SELECT toUInt8(multiIf(number = 24, 2, number % 5 = 0, 1, 0)) AS single,
       if(single, [], arrayMap(i -> toFloat64(1_700_000_000_000 + number * 1000 + i * 7), range(number % 4 + 1))) AS ts,
       if(single, [], arrayMap(i -> toUInt32(bitShiftLeft(1, i)), range(number % 4 + 1))) AS masks,
       if(single, [], arrayMap(i -> toUInt32(i % 2), range(number % 4 + 1))) AS excl,
       if(single, [], arrayMap(i -> if(i = 0, '', concat('直播-', toString(number))), range(number % 4 + 1))) AS vals,
       if(single, [], arrayMap(i -> toDate('2026-11-01') + number + i, range(number % 4 + 1))) AS days,
       toUInt64(if(single, number + 2, 1)) AS group_size,
       if(number % 10 = 0, '', 'search') AS first_value,
       multiIf(single = 2, [toDate('2026-11-05')], single = 1, [toDate('2026-11-02'), toDate('2026-11-03')], []) AS start_days,
       if(single, ['', 'ads'], []) AS start_values
FROM numbers(25)
ORDER BY number
SETTINGS max_block_size = 4, output_format_arrow_string_as_string = 1`;

interface JsonRow {
  single: number;
  ts: number[];
  masks: number[];
  excl: number[];
  vals: string[];
  days: string[];
  group_size: number;
  first_value: string;
  start_days: string[];
  start_values: string[];
}

describe('funnel rows from Arrow', () => {
  let ctx: Awaited<ReturnType<typeof openTempStores>>;
  beforeAll(async () => {
    ctx = await openTempStores();
  });
  afterAll(async () => {
    await ctx.dispose();
  });

  it('reads every person and group of a multi-batch answer as the JSON rows say', async () => {
    const admin = ctx.stores.warehouse.admin();
    const ipc = await admin.raw(`${SHAPE} FORMAT ArrowStream`, {}, { purpose: 'test' });
    const json = await admin.rows<JsonRow>(SHAPE, {}, { purpose: 'test' });
    const expected = json.map((r) =>
      r.single === 2
        ? { dayOnly: true, day: r.start_days[0], count: Number(r.group_size) }
        : r.single
          ? {
              single: true,
              count: Number(r.group_size),
              firstValue: r.first_value || NONE_VALUE,
              startDays: r.start_days,
              startValues: r.start_values.map((v) => v || NONE_VALUE),
            }
          : r.ts.map((t, i) => ({ t, mask: r.masks[i], excl: r.excl[i], value: r.vals[i] || NONE_VALUE, day: r.days[i] })),
    );
    // A person's events compared as objects (the reader hands over row numbers into shared columns).
    const people = [...readFunnelPeople(ipc)].map((p) => (p instanceof PersonEvents ? p.toObjects() : p));
    expect(people).toHaveLength(25);
    expect(people).toEqual(expected);
    // Spot checks worked out from the SQL, so the test does not only compare two readers.
    expect(people[0]).toEqual({
      single: true,
      count: 2,
      firstValue: NONE_VALUE,
      startDays: ['2026-11-02', '2026-11-03'],
      startValues: [NONE_VALUE, 'ads'],
    });
    expect(people[24]).toEqual({ dayOnly: true, day: '2026-11-05', count: 26 });
    expect(people[7]).toEqual([
      { t: 1_700_000_007_000, mask: 1, excl: 0, value: NONE_VALUE, day: '2026-11-08' },
      { t: 1_700_000_007_007, mask: 2, excl: 1, value: '直播-7', day: '2026-11-09' },
      { t: 1_700_000_007_014, mask: 4, excl: 0, value: '直播-7', day: '2026-11-10' },
      { t: 1_700_000_007_021, mask: 8, excl: 1, value: '直播-7', day: '2026-11-11' },
    ]);
  });

  it('refuses an answer without the funnel columns', async () => {
    const ipc = await ctx.stores.warehouse.admin().raw('SELECT 1 AS x FORMAT ArrowStream', {}, { purpose: 'test' });
    expect(() => [...readFunnelPeople(ipc)]).toThrow(/no column "ts"/);
  });
});
