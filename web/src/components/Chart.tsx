/**
 * ECharts on a canvas, with one theme for the whole dashboard. Only the chart types and
 * components the pages use are registered, to keep the bundle small.
 */
import { BarChart, FunnelChart, HeatmapChart, LineChart, PieChart, SankeyChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkAreaComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { ChartTable } from '../prepare/chart-table';

echarts.use([
  BarChart,
  LineChart,
  FunnelChart,
  HeatmapChart,
  PieChart,
  SankeyChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkAreaComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export const PALETTE = ['#2f6fed', '#f08c2e', '#22a06b', '#d6455d', '#7b5bd6', '#1aa3b8', '#b08b16', '#6b778c'];
echarts.registerTheme('storelens', {
  color: PALETTE,
  backgroundColor: 'transparent',
  textStyle: { fontFamily: 'system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif' },
  categoryAxis: { axisLine: { lineStyle: { color: '#c1c7d0' } }, axisTick: { show: false } },
  valueAxis: { splitLine: { lineStyle: { color: '#ebecf0' } }, axisLine: { show: false } },
  grid: { left: 48, right: 16, top: 32, bottom: 32, containLabel: true },
});

export type ChartOption = echarts.EChartsCoreOption;

export interface ChartProps {
  option: ChartOption;
  height?: number;
  /** The chart's name for tests (data-chart). */
  label: string;
  /** What a screen reader announces for the canvas: the panel's title, unless given (LazyChart passes it). */
  title?: string;
  /** The chart's numbers as a table when the drawn values are not what they mean (the waterfall's stacked bars); `false`: no table (a card's sparkline). */
  table?: ChartTable | false;
  /** How the table writes a value (a share as a percentage); whole numbers and two decimals otherwise. */
  formatValue?: (v: number) => string;
  /** Called with a clicked data item's value (a heatmap cell's [column, row, value], a bar's value). */
  onItemClick?: (value: unknown) => void;
}

export function Chart({ option, height = 280, label, title, onItemClick }: ChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  // The latest handler, read at click time: the chart is made once, the handler changes with the page's state.
  const click = useRef(onItemClick);
  click.current = onItemClick;
  useEffect(() => {
    if (!ref.current) return;
    const c = echarts.init(ref.current, 'storelens', { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => click.current?.((p as { value?: unknown }).value));
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption({ tooltip: { trigger: 'axis' }, ...option }, true);
  }, [option]);
  return <div ref={ref} className="chart" style={{ height }} role="img" aria-label={title || label} data-chart={label} />;
}
