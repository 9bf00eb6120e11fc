/** The CLI's printing: a table for people shows values as they are; --csv quotes them for programs. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { printRows } from '../src/cli/output.js';

const printed = (fn: () => void): string => {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    fn();
  } finally {
    spy.mockRestore();
  }
  return chunks.join('');
};
afterEach(() => vi.restoreAllMocks());

// A reject as `storelens rejects` lists it: a reason naming the value in quotes, the raw line with its own.
const rows = [{ line: 2, reason: 'paid_amount "-5" is negative', raw: '"neg1","-5"' }];

describe('printRows', () => {
  it('shows a table’s values as they are, quotes and all, aligned under their headers', () => {
    expect(printed(() => printRows(rows, 'table')).split('\n')).toEqual([
      'line  reason                        raw',
      '----  ----------------------------  -----------',
      '2     paid_amount "-5" is negative  "neg1","-5"',
      '',
    ]);
  });

  it('quotes CSV cells that need it, doubling their quotes', () => {
    expect(printed(() => printRows(rows, 'csv'))).toBe('line,reason,raw\n2,"paid_amount ""-5"" is negative","""neg1"",""-5"""\n');
  });

  it('keeps a table row on one line when a value holds a line break', () => {
    const out = printed(() => printRows([{ a: 'one\ntwo' }], 'table'));
    expect(out).toBe('a\n-------\none two\n');
  });
});
