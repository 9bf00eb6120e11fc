import { describe, expect, it } from 'vitest';
import type { MarkedDays } from '../src/api/types';
import { daysText, markAreaOf } from '../src/prepare/marked-days';

const mark = (from: string, to: string, title: string) =>
  ({ id: 1, from, to, title, kind: 'promotion', note: null }) as unknown as MarkedDays;
const days = ['2026-11-09', '2026-11-10', '2026-11-11'];

describe('marked days on a chart by day', () => {
  it('shades each mark over its days within the chart, cut to them', () => {
    const area = markAreaOf(
      [mark('2026-10-20', '2026-11-09', 'Presale'), mark('2026-11-10', '2026-11-10', 'Live'), mark('2026-11-11', '2026-11-30', 'Season')],
      days,
    );
    expect(area?.data).toEqual([
      [{ name: 'Presale', xAxis: '2026-11-09' }, { xAxis: '2026-11-09' }],
      [{ name: 'Live', xAxis: '2026-11-10', label: { offset: [0, 14] } }, { xAxis: '2026-11-10' }],
      [{ name: 'Season', xAxis: '2026-11-11' }, { xAxis: '2026-11-11' }],
    ]);
  });

  it('draws nothing without marks on the chart’s days', () => {
    expect(markAreaOf([mark('2026-11-12', '2026-11-13', 'Later')], days)).toBeUndefined();
    expect(markAreaOf([], days)).toBeUndefined();
    expect(markAreaOf(undefined, days)).toBeUndefined();
    expect(markAreaOf([mark('2026-11-09', '2026-11-09', 'x')], [])).toBeUndefined();
  });

  it('writes one day or first – last', () => {
    expect(daysText({ from: '2026-11-11', to: '2026-11-11' })).toBe('2026-11-11');
    expect(daysText({ from: '2026-11-01', to: '2026-11-11' })).toBe('2026-11-01 – 2026-11-11');
  });
});
