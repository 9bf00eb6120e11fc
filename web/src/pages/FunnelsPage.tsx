/**
 * Funnels: a builder (steps with conditions on their properties, window, order, an exclusion,
 * breakdown), the funnel chart, the step table, the time-to-convert histogram and the daily
 * trend; funnels are saved as reports and reopened. The definition lives in the URL.
 */
import { type FormEvent, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useFunnel, useMarkArea, useReports, useSaveReport } from '../api/hooks';
import type { FunnelStep } from '../api/types';
import { useShop } from '../app/shop-context';
import { ExportMenu } from '../components/ExportMenu';
import { Chart } from '../components/LazyChart';
import { Panel } from '../components/Panel';
import { Table } from '../components/Table';
import { useI18n } from '../i18n/i18n';
import { breakdownFunnelSeries, bucketLabel, funnelBars } from '../prepare/series';
import { analysisQuery } from '../state/view-state';
import { type StepFilter, StepFilterFields, stepFilter } from './StepFilterFields';

const EVENTS = ['page_view', 'product_view', 'search', 'add_to_cart', 'checkout_start', 'order_paid', 'coupon_claim', 'follow', 'refund'];
const BREAKDOWNS = [
  '',
  'channel',
  'device',
  'region',
  'category',
  'campaign',
  'person.first_channel',
  'person.member_level',
  'person.region',
  'person.signup_month',
];
const ATTRIBUTIONS = ['first_touch', 'last_touch', 'all_steps'] as const;
type FunnelAttribution = (typeof ATTRIBUTIONS)[number];

export interface FunnelDefinition {
  steps: Array<{ event: string; filters?: StepFilter[] }>;
  window: string;
  order: 'ordered' | 'strict' | 'unordered';
  exclusions?: Array<{ event: string; from_step: number; to_step: number }>;
  breakdown?: { property: string; attribution: FunnelAttribution; limit: number };
}

export const DEFAULT_FUNNEL: FunnelDefinition = {
  steps: [{ event: 'product_view' }, { event: 'add_to_cart' }, { event: 'checkout_start' }, { event: 'order_paid' }],
  window: '1d',
  order: 'ordered',
};

function parseDefinition(text: string | null): FunnelDefinition {
  if (!text) return DEFAULT_FUNNEL;
  try {
    return { ...DEFAULT_FUNNEL, ...(JSON.parse(text) as FunnelDefinition) };
  } catch {
    return DEFAULT_FUNNEL;
  }
}

export default function FunnelsPage() {
  const { shop, view, update } = useShop();
  const i18n = useI18n();
  const { t } = i18n;
  const [params] = useSearchParams();
  const definition = useMemo(() => parseDefinition(params.get('funnel')), [params]);
  const [draft, setDraft] = useState<FunnelDefinition>(definition);
  const [name, setName] = useState('');
  const q = analysisQuery(view);
  const body = useMemo(() => ({ ...definition, ...q }), [definition, q]);
  const funnel = useFunnel(shop.slug, body);
  const reports = useReports(shop.slug);
  const save = useSaveReport(shop.slug);
  const run = (e?: FormEvent) => {
    e?.preventDefault();
    update({ funnel: JSON.stringify(draft) });
  };
  const setStep = (i: number, event: string) => setDraft({ ...draft, steps: draft.steps.map((s, k) => (k === i ? { ...s, event } : s)) });
  // A step's conditions (all must hold; the API takes up to ten): none is "any event of that name".
  const setFilters = (i: number, filters: StepFilter[]) =>
    setDraft({
      ...draft,
      steps: draft.steps.map((s, k) => (k === i ? { event: s.event, ...(filters.length ? { filters } : {}) } : s)),
    });
  const r = funnel.data;
  // The range's marked days, shaded on the conversion trend.
  const trendMarks = useMarkArea(
    shop.slug,
    (r?.trend ?? []).map((d) => d.day),
  );
  // Steps named after known events by their names (a step's own label stays as given), and a
  // breakdown by channel or device by the values' names; "(other)" and "(none)" have none.
  const steps = (r?.steps ?? []).map((s) => ({ ...s, label: i18n.code('event', s.label) }));
  const breakdownValue = (v: string) => i18n.value(definition.breakdown?.property, v);
  return (
    <div className="grid">
      <Panel title={t('funnel.builder')} wide>
        <form className="builder" onSubmit={run}>
          <fieldset>
            <legend>{t('funnel.steps')}</legend>
            {draft.steps.map((s, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a step is its position in the funnel; the index is its identity.
              <span key={i} className="step">
                {i + 1}.{' '}
                <select aria-label={`step ${i + 1}`} value={s.event} onChange={(e) => setStep(i, e.target.value)}>
                  {EVENTS.map((ev) => (
                    <option key={ev} value={ev}>
                      {i18n.code('event', ev)}
                    </option>
                  ))}
                </select>
                {(s.filters?.length ? s.filters : [null]).map((f, j) => (
                  <StepFilterFields
                    // biome-ignore lint/suspicious/noArrayIndexKey: a condition is its position among the step's; the index is its identity.
                    key={j}
                    step={i}
                    condition={j}
                    filter={f}
                    onChange={(changed) => {
                      const list = [...(s.filters ?? [])];
                      if (changed) list[j] = changed;
                      else list.splice(j, 1);
                      setFilters(i, list);
                    }}
                  />
                ))}
                {s.filters?.length && s.filters.length < 10 ? (
                  <button
                    type="button"
                    className="link"
                    aria-label={`step ${i + 1} add condition`}
                    onClick={() => setFilters(i, [...(s.filters ?? []), stepFilter('channel')])}
                  >
                    + {t('funnel.and')}
                  </button>
                ) : null}
                {draft.steps.length > 2 ? (
                  <button
                    type="button"
                    className="link"
                    aria-label={`remove step ${i + 1}`}
                    onClick={() => setDraft({ ...draft, steps: draft.steps.filter((_, k) => k !== i) })}
                  >
                    ×
                  </button>
                ) : null}
              </span>
            ))}
            {draft.steps.length < 20 ? (
              <button type="button" onClick={() => setDraft({ ...draft, steps: [...draft.steps, { event: 'order_paid' }] })}>
                + {t('funnel.addStep')}
              </button>
            ) : null}
          </fieldset>
          <label>
            {t('funnel.window')}{' '}
            <select aria-label={t('funnel.window')} value={draft.window} onChange={(e) => setDraft({ ...draft, window: e.target.value })}>
              {['30m', '1h', '6h', '1d', '3d', '7d', '14d', '30d'].map((w) => (
                <option key={w}>{w}</option>
              ))}
            </select>
          </label>
          <label>
            {t('funnel.order')}{' '}
            <select
              aria-label={t('funnel.order')}
              value={draft.order}
              onChange={(e) => setDraft({ ...draft, order: e.target.value as FunnelDefinition['order'] })}
            >
              {['ordered', 'strict', 'unordered'].map((o) => (
                <option key={o} value={o}>
                  {i18n.code('option', o)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('funnel.exclusion')}{' '}
            <select
              aria-label={t('funnel.exclusion')}
              value={draft.exclusions?.[0]?.event ?? ''}
              onChange={(e) =>
                setDraft({
                  ...draft,
                  exclusions: e.target.value
                    ? [{ event: e.target.value, from_step: 1, to_step: draft.order === 'unordered' ? draft.steps.length : 2 }]
                    : undefined,
                })
              }
            >
              <option value="">{t('funnel.none')}</option>
              {EVENTS.map((ev) => (
                <option key={ev} value={ev}>
                  {i18n.code('event', ev)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('funnel.breakdown')}{' '}
            <select
              aria-label={t('funnel.breakdown')}
              value={draft.breakdown?.property ?? ''}
              onChange={(e) =>
                setDraft({
                  ...draft,
                  breakdown: e.target.value
                    ? { attribution: 'first_touch', limit: 5, ...draft.breakdown, property: e.target.value }
                    : undefined,
                })
              }
            >
              {BREAKDOWNS.map((b) => (
                <option key={b} value={b}>
                  {b ? i18n.code('property', b) : t('funnel.none')}
                </option>
              ))}
            </select>
          </label>
          {draft.breakdown ? (
            <>
              <label>
                {t('funnel.attribution')}{' '}
                <select
                  aria-label={t('funnel.attribution')}
                  // A person property is one value per person: attribution does not apply (docs/funnels.md, rule 11).
                  disabled={draft.breakdown.property.startsWith('person.')}
                  value={draft.breakdown.attribution}
                  onChange={(e) =>
                    draft.breakdown &&
                    setDraft({ ...draft, breakdown: { ...draft.breakdown, attribution: e.target.value as FunnelAttribution } })
                  }
                >
                  {ATTRIBUTIONS.map((a) => (
                    <option key={a} value={a}>
                      {t(`funnel.attribution.${a}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('funnel.top')}{' '}
                <select
                  aria-label={t('funnel.top')}
                  value={draft.breakdown.limit}
                  onChange={(e) =>
                    draft.breakdown && setDraft({ ...draft, breakdown: { ...draft.breakdown, limit: Number(e.target.value) } })
                  }
                >
                  {[3, 5, 10, 25].map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
              </label>
            </>
          ) : null}
          <button type="submit" className="primary">
            {t('funnel.run')}
          </button>
        </form>
        <form
          className="builder"
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) save.mutate({ name: name.trim(), analysis: 'funnel', params: { ...definition } as Record<string, unknown> });
          }}
        >
          <input aria-label={t('funnel.name')} placeholder={t('funnel.name')} value={name} onChange={(e) => setName(e.target.value)} />
          <button type="submit" disabled={save.isPending}>
            {t('funnel.save')}
          </button>
          {save.error ? <span className="state-error">{(save.error as Error).message}</span> : null}
          <span className="muted">{t('funnel.saved')}:</span>
          {(reports.data?.reports ?? [])
            .filter((x) => x.analysis === 'funnel')
            .map((x) => (
              <button
                key={x.id}
                type="button"
                className="chip"
                onClick={() => {
                  setDraft(x.params as unknown as FunnelDefinition);
                  update({ funnel: JSON.stringify(x.params) });
                }}
              >
                {x.name}
              </button>
            ))}
        </form>
      </Panel>
      <Panel
        title={t('funnel.chart')}
        wide={Boolean(r?.breakdown)}
        loading={funnel.isLoading}
        error={funnel.error}
        empty={steps.length > 0 && steps[0]?.people === 0}
      >
        {r?.breakdown ? (
          <>
            <p className="muted">{t('funnel.byValue')}</p>
            {/* Broken down: grouped bars, the whole funnel first, so a value converting worse than the rest stands out. */}
            <Chart
              label="funnel-breakdown-chart"
              formatValue={(v) => `${i18n.number(v, 1)}%`}
              height={320}
              option={{
                legend: { top: 0 },
                tooltip: {
                  trigger: 'item',
                  formatter: (p: { seriesName: string; name: string; value: number; data: { people: number } }) =>
                    `${p.seriesName} · ${p.name}: ${i18n.number(p.data.people)} (${p.value}%)`,
                },
                xAxis: { type: 'category', data: steps.map((s) => `${s.step}. ${s.label}`) },
                yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
                series: breakdownFunnelSeries({ name: t('funnel.all'), steps }, r.breakdown, breakdownValue).map((x) => ({
                  type: 'bar',
                  // Step 1 is 100 % for every value: only the later steps' shares are worth reading.
                  label: {
                    show: true,
                    position: 'top',
                    fontSize: 10,
                    formatter: (p: { dataIndex: number; value: number }) => (p.dataIndex === 0 ? '' : `${p.value}%`),
                  },
                  ...x,
                })),
              }}
            />
          </>
        ) : (
          <Chart
            label="funnel-chart"
            formatValue={(v) => `${i18n.number(v, 1)}%`}
            option={{
              tooltip: {
                trigger: 'item',
                formatter: (p: { name: string; value: number; data: { people: number } }) =>
                  `${p.name}: ${i18n.number(p.data.people)} (${p.value}%)`,
              },
              series: [
                // Labels sit to the right of the shape: the shape keeps 60 % of the width so the widest
                // (step 1's, at full width) is not cut off.
                { type: 'funnel', sort: 'none', left: '4%', width: '60%', label: { formatter: '{b}: {c}%' }, data: funnelBars(steps) },
              ],
            }}
          />
        )}
      </Panel>
      <Panel
        title={t('funnel.table')}
        // The breakdown table has a column per step and the conversion: with it, the chart and the
        // table each get a whole row.
        wide={Boolean(r?.breakdown)}
        loading={funnel.isLoading}
        error={funnel.error}
        actions={
          <ExportMenu path={`/api/v1/shops/${shop.slug}/analyses/funnel`} body={body} table={r?.breakdown ? 'breakdown' : 'steps'} />
        }
      >
        <Table<FunnelStep>
          rowKey={(s) => String(s.step)}
          rows={steps}
          definitions={r?.definitions}
          columns={[
            { key: 'step', label: t('funnel.step'), render: (s) => `${s.step}. ${s.label}` },
            { key: 'funnel_people', numeric: true, render: (s) => i18n.number(s.people) },
            { key: 'funnel_conversion_from_start', numeric: true, render: (s) => i18n.percent(s.conversion_from_start) },
            { key: 'funnel_conversion_from_previous', numeric: true, render: (s) => i18n.percent(s.conversion_from_previous) },
            { key: 'funnel_time_to_convert', numeric: true, render: (s) => i18n.seconds(s.median_seconds_from_previous) },
            ...(r?.comparison
              ? [
                  {
                    key: 'previous',
                    label: `${t('funnel.conversion')} (${r.comparison.from} – ${r.comparison.to})`,
                    numeric: true,
                    render: (s: FunnelStep) => i18n.percent(r.comparison?.result.steps[s.step - 1]?.conversion_from_start ?? null),
                  },
                ]
              : []),
          ]}
        />
        {r?.breakdown ? (
          <Table<{ value: string; steps: FunnelStep[] }>
            rowKey={(b) => b.value}
            rows={r.breakdown}
            definitions={r.definitions}
            columns={[
              { key: 'value', label: i18n.code('property', definition.breakdown?.property ?? ''), render: (b) => breakdownValue(b.value) },
              ...steps.map((s, k) => ({
                key: `s${k}`,
                label: `${k + 1}. ${s.label}`,
                definition: 'funnel_breakdown_people',
                numeric: true,
                render: (b: { steps: FunnelStep[] }) => i18n.number(b.steps[k]?.people ?? 0),
              })),
              {
                key: 'funnel_conversion_from_start',
                label: t('funnel.conversion'),
                numeric: true,
                render: (b) => i18n.percent(b.steps[b.steps.length - 1]?.conversion_from_start ?? null),
              },
            ]}
          />
        ) : null}
      </Panel>
      <Panel
        title={t('funnel.histogram')}
        loading={funnel.isLoading}
        error={funnel.error}
        empty={Boolean(r?.histogram.every((b) => b.people === 0))}
      >
        <Chart
          label="funnel-histogram"
          option={{
            xAxis: {
              type: 'category',
              data: (r?.histogram ?? []).map((b) => bucketLabel(b.from_seconds, b.to_seconds)),
              axisLabel: { interval: 0, rotate: 30 },
            },
            yAxis: { type: 'value' },
            series: [{ type: 'bar', data: (r?.histogram ?? []).map((b) => b.people) }],
          }}
        />
      </Panel>
      <Panel title={t('funnel.trend')} loading={funnel.isLoading} error={funnel.error}>
        <Chart
          label="funnel-trend"
          formatValue={i18n.percent}
          option={{
            xAxis: { type: 'category', data: (r?.trend ?? []).map((d) => d.day) },
            yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
            series: [
              {
                type: 'line',
                connectNulls: false,
                data: (r?.trend ?? []).map((d) => d.conversion),
                ...(trendMarks ? { markArea: trendMarks } : {}),
              },
            ],
          }}
        />
      </Panel>
    </div>
  );
}
