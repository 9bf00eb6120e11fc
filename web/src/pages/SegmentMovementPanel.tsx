/**
 * The customers page's segment movement (客群流转): where each segment's customers stood the day
 * before the range and where they stand on its last day, as a from × to heatmap and each
 * segment's flows (before, after, stayed, moved in and out).
 */
import { useSegmentMovement } from '../api/hooks';
import type { CustomerListResult, SegmentMovementResult } from '../api/types';
import { useShop } from '../app/shop-context';
import { ExportMenu } from '../components/ExportMenu';
import { Chart } from '../components/LazyChart';
import { Panel } from '../components/Panel';
import { Table } from '../components/Table';
import { useI18n } from '../i18n/i18n';
import { largestMoves, movementGrid } from '../prepare/segment-movement';
import { heatScale } from '../prepare/series';
import { analysisQuery } from '../state/view-state';

type Flow = SegmentMovementResult['segments'][number];

/** A segment's flows, as the customer list's `move` names them. */
export const SEGMENT_FLOWS = ['in', 'out', 'stayed'] as const satisfies ReadonlyArray<NonNullable<CustomerListResult['move']>>;
export type SegmentFlow = (typeof SEGMENT_FLOWS)[number];
/** The metric each flow's figure is (its written definition names the flow for a screen reader too). */
const FLOW_METRIC = { in: 'segment_moved_in', out: 'segment_moved_out', stayed: 'segment_stayed' } as const;

/**
 * `onMove(from, to)`: a cell was clicked — list the customers who moved from `from` to `to`.
 * `onFlow(segment, flow)`: a flow's figure was clicked — list everyone who moved into the segment,
 * out of it, or stayed.
 */
export function SegmentMovementPanel({
  onMove,
  onFlow,
}: {
  onMove: (from: string, to: string) => void;
  onFlow: (segment: string, flow: SegmentFlow) => void;
}) {
  const { shop, view } = useShop();
  const i18n = useI18n();
  const { t } = i18n;
  const query = analysisQuery(view, { compare: false });
  const res = useSegmentMovement(shop.slug, query);
  const r = res.data;
  const grid = movementGrid(
    (r?.segments ?? []).map((s) => s.segment),
    r?.moves ?? [],
  );
  const name = (segment: string) => i18n.code('segment', segment);
  const n = (v: number) => i18n.number(v);
  const signed = (v: number) => (v > 0 ? `+${n(v)}` : n(v));
  // A flow's figure lists its customers (a button, so the keyboard reaches it too).
  const flowLink = (s: Flow, flow: SegmentFlow, v: number) =>
    v > 0 ? (
      <button
        type="button"
        className="link"
        data-flow={`${s.segment}:${flow}`}
        // A bare number says nothing to a screen reader: name the segment and the flow.
        aria-label={`${name(s.segment)} · ${i18n.metric(r?.definitions, FLOW_METRIC[flow])}: ${n(v)}`}
        onClick={() => onFlow(s.segment, flow)}
      >
        {n(v)}
      </button>
    ) : (
      n(v)
    );
  return (
    <Panel
      id="segment-movement"
      title={t('movement.title')}
      loading={res.isLoading}
      error={res.error}
      empty={(r?.moves.length ?? 0) === 0}
      wide
      actions={<ExportMenu path={`/api/v1/shops/${shop.slug}/analyses/segment-movement`} query={query} />}
    >
      <p className="muted">
        {t('movement.explain')
          .replace('{before}', r?.before ?? '')
          .replace('{at}', r?.at ?? '')}
      </p>
      <Chart
        label="segment-movement"
        onItemClick={(value) => {
          const [column, row, customers] = value as [number, number, number];
          const from = grid.before[row];
          const to = grid.after[column];
          // "none" as where they are now is not a segment to list.
          if (customers > 0 && from && to && to !== 'none') onMove(from, to);
        }}
        height={grid.before.length * 30 + 140}
        option={{
          animation: false,
          tooltip: {
            position: 'top',
            formatter: (p: { value: [number, number, number] }) =>
              `${name(grid.before[p.value[1]] ?? '')} → ${name(grid.after[p.value[0]] ?? '')}: ${n(p.value[2])}`,
          },
          // Fixed margins (labels outside the plot), so each cell sits where its row and column say.
          grid: { left: 130, right: 24, top: 8, bottom: 120, containLabel: false },
          xAxis: { type: 'category', data: grid.after.map(name), axisLabel: { interval: 0, rotate: 30 } },
          yAxis: { type: 'category', inverse: true, data: grid.before.map(name) },
          visualMap: heatScale(Math.max(...grid.cells.map((c) => c[2]))),
          series: [
            {
              type: 'heatmap',
              data: grid.cells,
              label: { show: true, formatter: (p: { value: number[] }) => (p.value[2] ? n(p.value[2]) : '') },
            },
          ],
        }}
      />
      {/* The largest shifts as buttons: read first, and reachable without the canvas (keyboard, screen reader). */}
      <div className="moves">
        <strong>{t('movement.largest')}</strong>
        <ul>
          {largestMoves(
            (r?.segments ?? []).map((s) => s.segment),
            r?.moves ?? [],
            5,
          ).map((m) => (
            <li key={`${m.from_segment}>${m.to_segment}`}>
              <button type="button" className="link" onClick={() => onMove(m.from_segment, m.to_segment)}>
                {name(m.from_segment)} → {name(m.to_segment)}
              </button>{' '}
              {n(m.customers)}
            </li>
          ))}
        </ul>
      </div>
      <Table<Flow>
        rowKey={(s) => s.segment}
        rows={r?.segments ?? []}
        definitions={r?.definitions}
        columns={[
          { key: 'rfm_segment', render: (s) => name(s.segment) },
          { key: 'segment_before', numeric: true, render: (s) => n(s.before) },
          { key: 'segment_after', numeric: true, render: (s) => n(s.after) },
          { key: 'segment_stayed', numeric: true, render: (s) => flowLink(s, 'stayed', s.stayed) },
          { key: 'segment_moved_in', numeric: true, render: (s) => flowLink(s, 'in', s.moved_in) },
          { key: 'segment_moved_out', numeric: true, render: (s) => flowLink(s, 'out', s.moved_out) },
          { key: 'segment_net_change', numeric: true, render: (s) => signed(s.net_change) },
        ]}
      />
    </Panel>
  );
}
