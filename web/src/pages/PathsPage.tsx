/** In-store paths (店内路径): the flow of sessions through their first steps, where they enter and where they leave. */
import { useSearchParams } from 'react-router-dom';
import { usePaths } from '../api/hooks';
import type { PathsResult } from '../api/types';
import { useShop } from '../app/shop-context';
import { changeColumns } from '../components/change-columns';
import { ExportMenu } from '../components/ExportMenu';
import { Chart } from '../components/LazyChart';
import { Panel } from '../components/Panel';
import { Table } from '../components/Table';
import { useI18n } from '../i18n/i18n';
import { sankeyData, stepLabel } from '../prepare/paths';
import { analysisQuery } from '../state/view-state';

const DEPTHS = [2, 3, 4, 5, 6, 8];
const TOPS = [5, 10, 15, 20, 30];
const CHART_MIN_SHARE = 0.005;

type Entry = PathsResult['entries'][number];
type Exit = PathsResult['exits'][number];

export default function PathsPage() {
  const { shop, view, update } = useShop();
  const i18n = useI18n();
  const { t } = i18n;
  const [params] = useSearchParams();
  const depth = Number(params.get('depth') ?? 4);
  const top = Number(params.get('top') ?? 10);
  const start = params.get('start') ?? undefined;
  const query = { ...analysisQuery(view, { compare: false }), depth, top, start };
  // With the comparison toggle on, the period before with the same steps named.
  const paths = usePaths(shop.slug, { ...analysisQuery(view), depth, top, start });
  const r = paths.data;
  const earlier = r?.comparison;
  const label = (step: string) => stepLabel(step, (c) => i18n.code('event', c), t('paths.other'));
  // The chart leaves out flows of under 0.5 % of the sessions; the tables have every step.
  const sankey = sankeyData(r ?? { nodes: [], flows: [] }, label, Math.max(1, (r?.sessions ?? 0) * CHART_MIN_SHARE));
  const n = (v: number | null) => i18n.number(v);
  const pct = (v: number | null) => i18n.percent(v);
  const exportMenu = <ExportMenu path={`/api/v1/shops/${shop.slug}/analyses/paths`} query={query} />;
  const choose = (name: 'depth' | 'top', values: number[], value: number, fallback: number) => (
    <select
      aria-label={t(`paths.${name}`)}
      value={value}
      onChange={(e) => update({ [name]: Number(e.target.value) === fallback ? null : e.target.value })}
    >
      {values.map((v) => (
        <option key={v} value={v}>
          {t(`paths.${name}`)}: {v}
        </option>
      ))}
    </select>
  );
  return (
    <div className="grid">
      <Panel
        title={`${t('paths.flow')}${start ? ` ${t('paths.from')} ${label(start)}` : ''} · ${i18n.number(r?.sessions ?? null)} ${t('paths.sessions')}`}
        loading={paths.isLoading}
        error={paths.error}
        empty={(r?.sessions ?? 0) === 0}
        wide
        actions={
          <span className="toggle">
            {exportMenu}{' '}
            <select aria-label={t('paths.start')} value={start ?? ''} onChange={(e) => update({ start: e.target.value || null })}>
              <option value="">
                {t('paths.start')}: {t('paths.wholeSession')}
              </option>
              {[...new Set([...(r?.named_steps ?? []), ...(start ? [start] : [])])].map((step) => (
                <option key={step} value={step}>
                  {t('paths.start')}: {label(step)}
                </option>
              ))}
            </select>{' '}
            {choose('depth', DEPTHS, depth, 4)} {choose('top', TOPS, top, 10)}
          </span>
        }
      >
        <Chart
          label="paths-flow"
          height={420}
          option={{
            // Drawn at once: a Sankey grows left to right for a second, which reads as a chart cut short.
            animation: false,
            tooltip: {
              trigger: 'item',
              formatter: (p: {
                dataType: string;
                data: { label?: string; sessions?: number; exits?: number; source?: string; target?: string; value?: number };
              }) => {
                const d = p.data;
                if (p.dataType === 'edge') {
                  const from = sankey.data.find((x) => x.name === d.source)?.label ?? '';
                  const to = sankey.data.find((x) => x.name === d.target)?.label ?? '';
                  return `${from} → ${to}: ${i18n.number(d.value ?? null)}`;
                }
                return `${d.label}: ${i18n.number(d.sessions ?? null)} · ${t('paths.endHere')} ${i18n.number(d.exits ?? null)}`;
              },
            },
            series: [
              {
                type: 'sankey',
                left: 8,
                right: 120,
                top: 16,
                bottom: 16,
                nodeAlign: 'left',
                emphasis: { focus: 'adjacency' },
                lineStyle: { color: 'gradient', opacity: 0.35 },
                label: { formatter: (p: { data: { label: string } }) => p.data.label },
                data: sankey.data,
                links: sankey.links,
              },
            ],
          }}
        />
        <p className="muted">{t('paths.chartHint')}</p>
      </Panel>
      <Panel title={t('paths.entries')} loading={paths.isLoading} error={paths.error} empty={(r?.entries.length ?? 0) === 0}>
        <Table<Entry>
          rowKey={(e) => e.step}
          rows={r?.entries ?? []}
          definitions={r?.definitions}
          columns={[
            { key: 'step', definition: 'path_step', label: t('paths.step'), render: (e) => label(e.step) },
            { key: 'sessions', numeric: true, render: (e) => n(e.sessions) },
            { key: 'session_share', numeric: true, render: (e) => pct(e.session_share) },
            { key: 'bounce_rate', numeric: true, render: (e) => pct(e.bounce_rate) },
            { key: 'session_conversion', numeric: true, render: (e) => pct(e.session_conversion) },
            ...changeColumns(earlier?.result.entries, r?.entries ?? [], (e) => e.step, [
              { metric: 'sessions', label: i18n.metric(r?.definitions, 'sessions'), value: (e) => e.sessions, additive: true },
              {
                metric: 'bounce_rate',
                label: i18n.metric(r?.definitions, 'bounce_rate'),
                value: (e) => e.bounce_rate,
                additive: false,
                lowerIsBetter: true,
              },
            ]),
          ]}
        />
      </Panel>
      <Panel title={t('paths.exits')} loading={paths.isLoading} error={paths.error} empty={(r?.exits.length ?? 0) === 0}>
        <Table<Exit>
          rowKey={(e) => e.step}
          rows={r?.exits ?? []}
          definitions={r?.definitions}
          columns={[
            { key: 'step', definition: 'path_step', label: t('paths.step'), render: (e) => label(e.step) },
            { key: 'sessions_through', numeric: true, render: (e) => n(e.sessions_through) },
            { key: 'exits', numeric: true, render: (e) => n(e.exits) },
            { key: 'exit_rate', numeric: true, render: (e) => pct(e.exit_rate) },
            ...changeColumns(earlier?.result.exits, r?.exits ?? [], (e) => e.step, [
              {
                metric: 'exit_rate',
                label: i18n.metric(r?.definitions, 'exit_rate'),
                value: (e) => e.exit_rate,
                additive: false,
                lowerIsBetter: true,
              },
            ]),
          ]}
        />
      </Panel>
    </div>
  );
}
