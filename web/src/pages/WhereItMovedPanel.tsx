/**
 * The home page's "where payment amount moved": the diagnosis's split of the change by channel or
 * by category (its byChannel / byCategory) — each one's payment amount on the diagnosed days and on
 * the days compared with, its change, and that change in its parts: the whole shop's traffic, the
 * segment's share of it (mix), its conversion and its spend per buyer (Shapley, as the waterfall
 * splits the whole). Channels add up to the whole change; categories, read from order lines, to the
 * lines' change (order-level discounts and shipping are no category's), and the panel says so. A channel opens the Overview page for it,
 * a category the Products page for it, both on the diagnosed days against the same days compared.
 */
import { Link, useSearchParams } from 'react-router-dom';
import type { Query } from '../api/client';
import type { DiagnosisResult } from '../api/types';
import { canOpen } from '../app/permissions';
import { useShop } from '../app/shop-context';
import { ExportMenu } from '../components/ExportMenu';
import { Chart } from '../components/LazyChart';
import { Panel } from '../components/Panel';
import { Table } from '../components/Table';
import { useI18n } from '../i18n/i18n';
import { daysText } from '../prepare/marked-days';
import { diagnosedDaysQuery } from '../state/view-state';

type Segment = DiagnosisResult['byChannel'][number];
/** Bars for the segments that moved most; the table lists them all. */
const CHARTED = 10;

export function WhereItMovedPanel({ diagnosis, query }: { diagnosis: DiagnosisResult; query: Query }) {
  const { shop, update } = useShop();
  const i18n = useI18n();
  const { t } = i18n;
  const [params] = useSearchParams();
  const by = params.get('moved_by') === 'category' ? 'category' : 'channel';
  const d = diagnosis;
  const rows = by === 'channel' ? d.byChannel : d.byCategory;
  const name = (s: Segment) => (by === 'channel' ? i18n.code('channel', s.segment) : s.segment || t('categories.none'));
  const money = (v: number) => i18n.money(v, shop.currency);
  const signed = (v: number) => `${v > 0 ? '+' : ''}${money(v)}`;
  // The segment's own page on the diagnosed days, compared with the days the diagnosis compares with.
  const days = { compare: 'days', compare_from: d.compared.from, compare_to: d.compared.to };
  const pageOf = by === 'channel' ? 'overview' : 'products';
  const link = (s: Segment) => `/shops/${shop.slug}/${pageOf}?${diagnosedDaysQuery(params, d.from, d.to, { ...days, [by]: s.segment })}`;
  const unexplained = rows.some((s) => s.unexplained !== 0);
  const charted = rows.slice(0, CHARTED);
  return (
    <Panel
      id="where-it-moved"
      title={t('home.moved')}
      empty={!d.enoughData || rows.length === 0}
      wide
      actions={
        <div className="presets">
          <select aria-label={t('home.movedBy')} value={by} onChange={(e) => update({ moved_by: e.target.value })}>
            <option value="channel">{t('home.movedByChannel')}</option>
            <option value="category">{t('home.movedByCategory')}</option>
          </select>{' '}
          <ExportMenu path={`/api/v1/shops/${shop.slug}/diagnostics`} query={query} table={`by_${by}`} />
        </div>
      }
    >
      <p className="muted">
        {t('home.movedExplain').replace('{days}', daysText(d.compared))}{' '}
        {t(by === 'channel' ? 'home.movedSumChannel' : 'home.movedSumCategory')}
      </p>
      <Chart
        label="where-it-moved"
        height={Math.max(160, 28 * charted.length + 40)}
        option={{
          tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
          grid: { left: 8, right: 24, containLabel: true },
          xAxis: { type: 'value' },
          yAxis: { type: 'category', inverse: true, data: charted.map(name) },
          series: [
            {
              type: 'bar',
              name: t('home.movedChange'),
              data: charted.map((s) => ({ value: s.change, itemStyle: { color: s.change >= 0 ? '#22a06b' : '#d6455d' } })),
            },
          ],
        }}
      />
      <Table<Segment>
        rowKey={(s) => s.segment}
        rows={rows}
        definitions={d.definitions}
        columns={[
          {
            key: 'segment',
            label: by === 'channel' ? t('filter.channel') : t('filter.category'),
            render: (s) => (canOpen(shop, pageOf) ? <Link to={link(s)}>{name(s)}</Link> : name(s)),
          },
          { key: 'gmv_before', label: t('home.movedBefore'), numeric: true, render: (s) => money(s.gmv_before) },
          { key: 'gmv_after', label: t('home.movedAfter'), numeric: true, render: (s) => money(s.gmv_after) },
          { key: 'change', label: t('home.movedChange'), definition: 'gmv_decomposition', numeric: true, render: (s) => signed(s.change) },
          { key: 'traffic_effect', label: t('driver.traffic'), numeric: true, render: (s) => signed(s.traffic_effect) },
          { key: 'mix_effect', label: t('home.movedMix'), numeric: true, render: (s) => signed(s.mix_effect) },
          { key: 'conversion_effect', label: t('driver.conversion'), numeric: true, render: (s) => signed(s.conversion_effect) },
          { key: 'aov_effect', label: t('driver.aov'), numeric: true, render: (s) => signed(s.aov_effect) },
          ...(unexplained
            ? [{ key: 'unexplained', label: t('driver.unexplained'), numeric: true, render: (s: Segment) => signed(s.unexplained) }]
            : []),
        ]}
      />
    </Panel>
  );
}
