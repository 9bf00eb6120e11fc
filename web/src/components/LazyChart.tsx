/**
 * The chart, loaded on demand: pages render and start their API requests at once, while the
 * chart library (the largest chunk) is fetched and evaluated alongside instead of before them.
 */
import { type ComponentType, lazy, Suspense, useContext, useState } from 'react';
import type { ChartOption, ChartProps } from './Chart';
import { ChartData } from './ChartData';
import { PanelTitle } from './Panel';

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

/** The chart (named by its panel's title for screen readers) and, unless it has none, its data as a table. */
export function Chart(props: ChartProps) {
  const title = useContext(PanelTitle);
  const withTitle = { title, ...props };
  // Each chart keeps the form it was first rendered in: a chart mounted while the library was still
  // loading must not switch to the direct form once it has loaded — a different element type is a
  // new chart, and disposing the first mid-paint let zrender's next progressive frame paint a
  // disposed canvas ("Cannot read properties of null (reading 'layerStack')", seen once in the
  // Chromium test under load).
  const [Ready] = useState(() => ready);
  return (
    <figure className="chart-figure">
      {Ready ? (
        <Ready {...withTitle} />
      ) : (
        <Suspense fallback={<div className="chart chart-loading" style={{ height: props.height ?? 280 }} />}>
          <ChartImpl {...withTitle} />
        </Suspense>
      )}
      {props.table === false ? null : (
        <ChartData option={props.option} table={props.table} formatValue={props.formatValue} label={props.label} />
      )}
    </figure>
  );
}
