/** The products page's price bands (价格带): which price levels of the catalogue draw visitors and sell. */
import { usePriceBands } from '../api/hooks';
import type { PriceBandsResult } from '../api/types';
import { useShop } from '../app/shop-context';
import { changeColumns } from '../components/change-columns';
import { ExportMenu } from '../components/ExportMenu';
import { Chart } from '../components/LazyChart';
import { Panel } from '../components/Panel';
import { Table } from '../components/Table';
import { useI18n } from '../i18n/i18n';
import { analysisQuery } from '../state/view-state';

type Band = PriceBandsResult['rows'][number];

export function PriceBandsPanel() {
  const { shop, view } = useShop();
  const i18n = useI18n();
  const { t } = i18n;
  const query = analysisQuery(view, { compare: false });
  const bands = usePriceBands(shop.slug, analysisQuery(view));
  const r = bands.data;
  const rows = r?.rows ?? [];
  const earlier = r?.comparison;
  const name = (b: Band) => (b.band === '' ? t('bands.outside') : b.band);
  const metric = (key: string) => i18n.metric(r?.definitions, key);
  const money = (v: number) => i18n.money(v, shop.currency);
  return (
    <Panel
      id="price-bands"
      title={`${t('bands.title')} (${shop.currency})`}
      loading={bands.isLoading}
      error={bands.error}
      empty={rows.every((b) => b.products === 0 && b.active_products === 0)}
      wide
      actions={<ExportMenu path={`/api/v1/shops/${shop.slug}/analyses/price-bands`} query={query} />}
    >
      <Chart
        label="price-bands"
        height={240}
        option={{
          legend: { top: 0 },
          tooltip: { trigger: 'axis' },
          xAxis: { type: 'category', data: rows.map(name) },
          yAxis: [{ type: 'value' }, { type: 'value', splitLine: { show: false } }],
          series: [
            { type: 'bar', name: metric('band_gmv'), data: rows.map((b) => b.gmv) },
            { type: 'line', name: metric('band_visitors'), yAxisIndex: 1, data: rows.map((b) => b.visitors) },
          ],
        }}
      />
      <Table<Band>
        rowKey={(b) => b.band}
        rows={rows}
        definitions={r?.definitions}
        columns={[
          { key: 'price_band', label: t('bands.title'), render: name },
          { key: 'band_products', numeric: true, render: (b) => i18n.number(b.products) },
          { key: 'band_active_products', numeric: true, render: (b) => i18n.number(b.active_products) },
          { key: 'band_visitors', numeric: true, render: (b) => i18n.number(b.visitors) },
          { key: 'band_buyers', numeric: true, render: (b) => i18n.number(b.buyers) },
          { key: 'band_units', numeric: true, render: (b) => i18n.number(b.units) },
          { key: 'band_gmv', numeric: true, render: (b) => money(b.gmv) },
          { key: 'band_gmv_share', numeric: true, render: (b) => i18n.percent(b.gmv_share) },
          { key: 'band_conversion', numeric: true, render: (b) => i18n.percent(b.view_to_pay_conversion) },
          ...changeColumns(earlier?.result.rows, rows, (b) => b.band, [
            { metric: 'band_gmv', label: metric('band_gmv'), value: (b) => b.gmv, additive: true },
          ]),
        ]}
      />
    </Panel>
  );
}
