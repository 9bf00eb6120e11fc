/** Rejected rows keep their fields as a CSV line: the cheap concat must write what the engine's own CSV writer does. */
import type { Warehouse } from '@storelens/sql';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { csvRowText } from '../src/sql/expressions.js';
import { openTempWarehouse, tag } from './temp-warehouse.js';

let wh: Warehouse;
let dispose: () => Promise<void>;
beforeAll(async () => {
  ({ wh, dispose } = await openTempWarehouse());
});
afterAll(async () => dispose());

it('csvRowText writes what formatRowNoNewline(CSV) writes, quotes, commas, newlines and all', async () => {
  const values = ['plain', 'a"b""c', 'x,y', '', 'line\nbreak\r\n', 'tab\there', 'back\\slash', ' é 红茶 '];
  const fields = values.map((_, i) => `{v${i}:String}`);
  const params = Object.fromEntries(values.map((v, i) => [`v${i}`, v]));
  const [row] = await wh
    .admin()
    .rows<{ ours: string; engine: string }>(
      `SELECT ${csvRowText(fields)} AS ours, formatRowNoNewline('CSV', ${fields.join(', ')}) AS engine`,
      params,
      tag,
    );
  expect(row?.ours).toBe(row?.engine);
  expect(row?.ours).toBe('"plain","a""b""""c","x,y","","line\nbreak\r\n","tab\there","back\\slash"," é 红茶 "');
});
