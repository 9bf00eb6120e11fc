/**
 * Embedded query parameters travel as session parameters (src/session-params.ts). Round trips of
 * awkward values through the real engine, the guard against a value left over from an earlier
 * statement, and the reason for it all: parameterized queries on different connections run side by
 * side with each seeing only its own values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paramText, stringLiteral, type Warehouse, withSessionParams } from '../src/index.js';
import { openTempWarehouse } from './temp-warehouse.js';

let wh: Warehouse;
let dispose: () => Promise<void>;
const tag = { purpose: 'test' };

beforeAll(async () => {
  ({ wh, dispose } = await openTempWarehouse());
});
afterAll(async () => dispose());

const AWKWARD = [
  "a'b",
  'c\\d',
  "x\\'; DROP TABLE t; --",
  'end\\',
  'tab\there',
  'line\nbreak',
  'cr\rlf',
  'nul\0byte',
  '中文 🛒',
  '\\N',
  "''",
  '{v:String}',
  '',
];

describe('the text of a parameter (worked out from ClickHouse escaping rules)', () => {
  it('writes strings in the escaped form and quotes literals so only the engine reads them', () => {
    expect(paramText("a'b")).toBe("a'b");
    expect(paramText('c\\d')).toBe('c\\\\d');
    expect(paramText('t\tn\n')).toBe('t\\tn\\n');
    expect(paramText(null)).toBe('\\N');
    expect(paramText(42)).toBe('42');
    expect(paramText(['a', "b'c"])).toBe("['a','b\\'c']");
    expect(stringLiteral("it's \\ here")).toBe("'it\\'s \\\\ here'");
    expect(() => paramText(Number.NaN)).toThrow(/finite/);
    expect(() => paramText({})).toThrow(/cannot be bound/);
  });

  it('refuses a placeholder without a value and a parameter name that is not an identifier', () => {
    expect(() => withSessionParams('SELECT {a:UInt8}, {b:String}', { a: 1 })).toThrow(/\{b:\.\.\.\} but no value/);
    expect(() => withSessionParams('SELECT {a:UInt8}', { a: 1, 'x; DROP': 2 })).toThrow(/not a valid parameter name/);
    expect(withSessionParams('SELECT 1', {})).toBe('SELECT 1');
  });
});

describe('on the embedded engine', () => {
  it.each(AWKWARD)('a String parameter %j comes back unchanged, alone and inside an array', async (v) => {
    const rows = await wh
      .admin()
      .rows<{ s: string; a: string[]; n: number }>(
        'SELECT {s:String} AS s, {a:Array(String)} AS a, {n:UInt32} AS n',
        { s: v, a: [v, 'z'], n: 7 },
        tag,
      );
    expect(rows).toEqual([{ s: v, a: [v, 'z'], n: 7 }]);
  });

  it('binds a JavaScript Date as the instant it is, whatever the zone', async () => {
    const rows = await wh
      .admin()
      .rows<{ t: string; t3: string }>(
        "SELECT toString({t:DateTime('UTC')}) AS t, toString({t3:DateTime64(3, 'UTC')}) AS t3",
        { t: new Date('2026-03-04T05:06:07Z'), t3: new Date('2026-03-04T05:06:07.089Z') },
        tag,
      );
    expect(rows).toEqual([{ t: '2026-03-04 05:06:07', t3: '2026-03-04 05:06:07.089' }]);
  });

  it('binds NULL, dates and numbers as their declared types', async () => {
    const rows = await wh
      .admin()
      .rows<{ d: string; x: number | null; f: number }>(
        'SELECT toString({d:Date} + 1) AS d, {x:Nullable(UInt8)} AS x, {f:Float64} * 2 AS f',
        { d: '2026-02-28', x: null, f: 1.25 },
        tag,
      );
    expect(rows).toEqual([{ d: '2026-03-01', x: null, f: 2.5 }]);
  });

  it('refuses a statement that names a parameter it was not given, even after another statement set it', async () => {
    await wh.admin().rows('SELECT {leftover:UInt32} AS v', { leftover: 5 }, tag);
    await expect(wh.admin().rows('SELECT {leftover:UInt32} AS v', {}, tag)).rejects.toThrow(/no value was bound/);
  });

  it('runs parameterized queries on different connections side by side, each with its own values', async () => {
    // 300 interleaved queries on the two interactive connections: every answer is its own.
    const ids = Array.from({ length: 300 }, (_, i) => i);
    const answers = await Promise.all(
      ids.map((i) => wh.admin().rows<{ v: number; s: string }>('SELECT {v:UInt32} AS v, {s:String} AS s', { v: i, s: `q${i}` }, tag)),
    );
    expect(answers.map((r) => r[0])).toEqual(ids.map((i) => ({ v: i, s: `q${i}` })));
    // Side by side: a quick query sent while a slow one runs on the other connection answers
    // first. (Through chdb's own binder it queued behind the slow one and finished after it.)
    const order: string[] = [];
    const slow = wh
      .admin()
      .rows('SELECT count() AS c FROM numbers({n:UInt64}) WHERE sipHash64(number + {k:UInt64}) % 7 = 1', { n: 150_000_000, k: 1 }, tag)
      .then(() => order.push('slow'));
    await new Promise((r) => setTimeout(r, 100));
    const quick = wh
      .admin()
      .rows('SELECT {v:UInt8} AS v', { v: 1 }, tag)
      .then(() => order.push('quick'));
    await Promise.all([slow, quick]);
    expect(order).toEqual(['quick', 'slow']);
  });
});
