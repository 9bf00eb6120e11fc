import { describe, expect, it } from 'vitest';
import { chartTable, itemValue } from '../src/prepare/chart-table';

const names = { category: 'Item', value: 'Value', from: 'From', to: 'To', marked: 'Marked' };

describe('chartTable: a chart option read back as the table of what it draws', () => {
  it('series over a category axis: a row per category, a column per series; gaps stay empty', () => {
    const table = chartTable(
      {
        xAxis: { type: 'category', data: ['2026-11-01', '2026-11-02', '2026-11-03'] },
        yAxis: [{ type: 'value' }, { type: 'value' }],
        series: [
          { type: 'bar', name: 'GMV', data: [120.5, 0, { value: 33 }] },
          { type: 'line', name: 'Visitors', yAxisIndex: 1, data: [10, null] },
        ],
      },
      names,
    );
    expect(table).toEqual({
      columns: ['Item', 'GMV', 'Visitors'],
      rows: [
        ['2026-11-01', 120.5, 10],
        ['2026-11-02', 0, null],
        ['2026-11-03', 33, null],
      ],
    });
  });

  it("an unnamed single series is 'Value'; the axis's own name heads the first column", () => {
    const table = chartTable(
      { xAxis: { type: 'category', name: 'Days to refund', data: ['0', '1–3'] }, series: { type: 'bar', data: [4, 2] } },
      names,
    );
    expect(table).toEqual({
      columns: ['Days to refund', 'Value'],
      rows: [
        ['0', 4],
        ['1–3', 2],
      ],
    });
  });

  it('horizontal bars take their categories from the y axis', () => {
    const table = chartTable(
      { xAxis: { type: 'value' }, yAxis: { type: 'category', data: ['a', 'b'] }, series: [{ type: 'bar', name: 'n', data: [1, 2] }] },
      names,
    );
    expect(table?.rows).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
  });

  it('pie and funnel items by name, in the first series’ order', () => {
    expect(
      chartTable(
        {
          series: [
            {
              type: 'pie',
              name: 'Refunded orders',
              data: [
                { name: 'Quality', value: 3 },
                { name: 'Not given', value: 1 },
              ],
            },
          ],
        },
        names,
      ),
    ).toEqual({
      columns: ['Item', 'Refunded orders'],
      rows: [
        ['Quality', 3],
        ['Not given', 1],
      ],
    });
    expect(chartTable({ series: [{ type: 'funnel', data: [{ name: '1. View', value: 100, people: 40 }] }] }, names)).toEqual({
      columns: ['Item', 'Value'],
      rows: [['1. View', 100]],
    });
  });

  it('a heatmap: a row per y category, a column per x category; cells never drawn are empty, not 0', () => {
    const table = chartTable(
      {
        xAxis: { type: 'category', data: ['Week 0', 'Week 1'] },
        yAxis: { type: 'category', name: 'Cohort', data: ['2026-10-05 (12)', '2026-10-12 (8)'] },
        series: [
          {
            type: 'heatmap',
            data: [
              [0, 0, 1],
              [1, 0, 0.25],
              [0, 1, 1],
            ],
          },
        ],
      },
      names,
    );
    expect(table).toEqual({
      columns: ['Cohort', 'Week 0', 'Week 1'],
      rows: [
        ['2026-10-05 (12)', 1, 0.25],
        ['2026-10-12 (8)', 1, null],
      ],
    });
  });

  it('a flow chart: a row per flow, nodes by their label rather than their id', () => {
    const table = chartTable(
      {
        series: [
          {
            type: 'sankey',
            data: [
              { name: '0:home', label: 'Home' },
              { name: '1:product', label: 'Product' },
            ],
            links: [{ source: '0:home', target: '1:product', value: 7 }],
          },
        ],
      },
      names,
    );
    expect(table).toEqual({ columns: ['From', 'To', 'Value'], rows: [['Home', 'Product', 7]] });
  });

  it('marked days: a column naming the bands over each category; none without bands', () => {
    const days = ['2026-11-09', '2026-11-10', '2026-11-11', '2026-11-12'];
    const table = chartTable(
      {
        xAxis: { type: 'category', data: days },
        series: [
          {
            type: 'bar',
            name: 'GMV',
            data: [1, 2, 3, 4],
            markArea: {
              data: [
                [{ name: 'Presale', xAxis: '2026-11-09' }, { xAxis: '2026-11-11' }],
                [{ name: 'Live', xAxis: '2026-11-11' }, { xAxis: '2026-11-11' }],
              ],
            },
          },
        ],
      },
      names,
    );
    expect(table).toEqual({
      columns: ['Item', 'GMV', 'Marked'],
      rows: [
        ['2026-11-09', 1, 'Presale'],
        ['2026-11-10', 2, 'Presale'],
        ['2026-11-11', 3, 'Presale; Live'],
        ['2026-11-12', 4, null],
      ],
    });
  });

  it('no series with data: no table', () => {
    expect(chartTable({ series: [] }, names)).toBeNull();
    expect(chartTable({}, names)).toBeNull();
  });

  it('item values: numbers, { value }, the last of [x, y, value]; anything else is missing', () => {
    expect([itemValue(3), itemValue({ value: 2.5 }), itemValue([0, 1, 9]), itemValue(null), itemValue('x'), itemValue(Number.NaN)]).toEqual(
      [3, 2.5, 9, null, null, null],
    );
  });
});
