/**
 * The chart, loaded on demand: pages render and start their API requests at once, while the
 * chart library (the largest chunk) is fetched and evaluated alongside instead of before them.
 */
import { type ComponentType, lazy, Suspense } from 'react';
import type { ChartOption, ChartProps } from './Chart';

let ready: ComponentType<ChartProps> | null = null;
const load = () =>
  import('./Chart').then((m) => {
    ready = m.Chart;
    return { default: m.Chart };
  });
const ChartImpl = lazy(load);
// Start loading right away; once loaded, charts render directly (no Suspense round).
void load().catch(() => {});

export type { ChartOption };

export function Chart(props: ChartProps) {
  if (ready) {
    const Ready = ready;
    return <Ready {...props} />;
  }
  return (
    <Suspense fallback={<div className="chart chart-loading" style={{ height: props.height ?? 280 }} />}>
      <ChartImpl {...props} />
    </Suspense>
  );
}
