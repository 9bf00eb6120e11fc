/** Products: the diagnosis, the ranking table, the price bands, a product's trend, and what is bought with it. */
import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useMarkArea, useProductDetail, useProducts } from '../api/hooks';
import type { ProductRow } from '../api/types';
import { useShop } from '../app/shop-context';
import { changeColumns } from '../components/change-columns';
import { ExportMenu } from '../components/ExportMenu';
import { Chart } from '../components/LazyChart';
import { Panel } from '../components/Panel';
import { PanelFileActions } from '../components/PanelFileActions';
import { Table } from '../components/Table';
import { useI18n } from '../i18n/i18n';
import { panelReportParams } from '../state/saved-views';
import { analysisQuery } from '../state/view-state';
import { CategoriesPanel } from './CategoriesPanel';
import { PriceBandsPanel } from './PriceBandsPanel';
import { ProductBuyersPanel } from './ProductBuyersPanel';
import { ProductDiagnosisPanel } from './ProductDiagnosisPanel';
import { RefundCustomersPanel } from './RefundCustomersPanel';
import { RefundsPanel } from './RefundsPanel';

// 'nearest': the top bar is sticky and would cover a panel scrolled to the top.
const showDetail = () => document.getElementById('product-detail')?.scrollIntoView({ behavior: 'smooth', block: 'nearest' });

const SORTS = ['gmv', 'units', 'buyers', 'views', 'visitors', 'cart_adds', 'refund_amount', 'view_to_pay_conversion'];

export default function ProductsPage() {
  const { shop, view, update } = useShop();
  const i18n = useI18n();
  const { t } = i18n;
  const [params] = useSearchParams();
  const sort = params.get('sort') ?? 'gmv';
  const selected = params.get('product');
  const q = analysisQuery(view, { compare: false, category: false });
  // The ranking alone takes the comparison: the period before, for the same 50 products.
  const list = useProducts(shop.slug, { ...analysisQuery(view, { category: false }), sort, limit: 50, category: view.filters.category });
  // A sort is named after the metric it sorts by (the served definitions call them product_*).
  const sortName = (key: string) => i18n.metric(list.data?.definitions, key === 'view_to_pay_conversion' ? key : `product_${key}`);
  const detail = useProductDetail(shop.slug, selected, q);
  // The range's marked days, shaded on the picked product's trend.
  const trendMarks = useMarkArea(shop.slug, detail.data?.trend.map((d) => d.day) ?? []);
  const rows = list.data?.rows ?? [];
  const earlier = list.data?.comparison;
  // Named by the ranking, or by the details for a product reached from another's bought-together list.
  const selectedName =
    rows.find((r) => r.product_id === selected)?.name || (detail.data?.product_id === selected && detail.data.name) || selected;
  // The details sit below a 50-row ranking: bring them into view once a picked product's arrive
  // (at full height).
  const scrollToDetail = useRef(false);
  const pick = (product: string) => {
    // The product already shown: its details are there and will not arrive again.
    if (product === selected && detail.data) return showDetail();
    scrollToDetail.current = true;
    update({ product });
  };
  useEffect(() => {
    if (!scrollToDetail.current || !detail.data) return;
    scrollToDetail.current = false;
    showDetail();
  }, [detail.data]);
  const n = (v: unknown) => i18n.number(v as number);
  return (
    <div className="grid">
      <ProductDiagnosisPanel onProduct={pick} selected={selected} />
      <Panel
        id="product-ranking"
        title={`${t('products.ranking')} (${list.data?.productsTotal ?? 0})`}
        loading={list.isLoading}
        error={list.error}
        empty={rows.length === 0}
        wide
        actions={
          <label>
            <ExportMenu
              path={`/api/v1/shops/${shop.slug}/analyses/products`}
              query={{ ...q, sort, limit: 1000, category: view.filters.category }}
            />{' '}
            {t('products.sort')}{' '}
            <select aria-label={t('products.sort')} value={sort} onChange={(e) => update({ sort: e.target.value })}>
              {SORTS.map((s) => (
                <option key={s} value={s}>
                  {sortName(s)}
                </option>
              ))}
            </select>
          </label>
        }
      >
        <Table<ProductRow>
          rowKey={(r) => r.product_id}
          rows={rows}
          definitions={list.data?.definitions}
          onRow={(r) => pick(r.product_id)}
          selected={selected}
          columns={[
            { key: 'name', label: t('common.name'), render: (r) => `${r.name || r.product_id}` },
            { key: 'category', label: t('filter.category'), render: (r) => r.category },
            { key: 'product_views', numeric: true, render: (r) => n(r.views) },
            { key: 'product_buyers', numeric: true, render: (r) => n(r.buyers) },
            { key: 'product_units', numeric: true, render: (r) => n(r.units) },
            { key: 'product_gmv', numeric: true, render: (r) => i18n.money(r.gmv as number, shop.currency) },
            { key: 'product_refund_amount', numeric: true, render: (r) => i18n.money(r.refund_amount as number, shop.currency) },
            { key: 'view_to_pay_conversion', numeric: true, render: (r) => i18n.percent(r.view_to_pay_conversion as number | null) },
            ...changeColumns(earlier?.result.rows, rows, (r) => r.product_id, [
              { metric: 'product_visitors', label: sortName('visitors'), value: (r) => r.visitors, additive: true },
              { metric: 'product_gmv', label: sortName('gmv'), value: (r) => r.gmv, additive: true },
            ]),
          ]}
        />
      </Panel>
      <CategoriesPanel />
      <PriceBandsPanel />
      <RefundsPanel onProduct={pick} selected={selected} />
      <RefundCustomersPanel />
      <Panel
        id="product-detail"
        title={`${t('products.trend')}${selectedName ? ` · ${selectedName}` : ''}`}
        loading={detail.isLoading && Boolean(selected)}
        error={detail.error}
        empty={!selected}
        emptyText={t('products.pick')}
        actions={selected ? <ProductDetailActions product={selected} table="trend" testId="save-product-trend" /> : undefined}
      >
        {detail.data ? (
          <Chart
            label="product-trend"
            option={{
              legend: { top: 0 },
              xAxis: { type: 'category', data: detail.data.trend.map((d) => d.day) },
              yAxis: [{ type: 'value' }, { type: 'value' }],
              series: [
                {
                  type: 'bar',
                  name: i18n.metric(detail.data.definitions, 'product_gmv'),
                  data: detail.data.trend.map((d) => d.gmv),
                  ...(trendMarks ? { markArea: trendMarks } : {}),
                },
                {
                  type: 'line',
                  name: i18n.metric(detail.data.definitions, 'product_visitors'),
                  yAxisIndex: 1,
                  data: detail.data.trend.map((d) => d.visitors),
                },
              ],
            }}
          />
        ) : null}
      </Panel>
      <Panel
        title={t('products.together')}
        loading={detail.isLoading && Boolean(selected)}
        error={detail.error}
        empty={!selected || (detail.data?.boughtTogether.length ?? 0) === 0}
        emptyText={selected ? undefined : t('products.pick')}
        actions={selected ? <ProductDetailActions product={selected} table="bought_together" testId="save-product-together" /> : undefined}
      >
        <Table
          rowKey={(x) => x.product_id}
          rows={detail.data?.boughtTogether ?? []}
          onRow={(x) => pick(x.product_id)}
          definitions={detail.data?.definitions}
          columns={[
            { key: 'name', label: t('common.name'), render: (x) => x.name || x.product_id },
            { key: 'orders_together', numeric: true, render: (x) => n(x.orders_together) },
            { key: 'attach_rate', numeric: true, render: (x) => i18n.percent(x.attach_rate) },
            { key: 'lift', numeric: true, render: (x) => i18n.number(x.lift, 2) },
          ]}
        />
      </Panel>
      <ProductBuyersPanel product={selected} name={selectedName} />
    </div>
  );
}

/**
 * A picked product's trend or bought-together table: downloaded, or saved as a report (the
 * `product` analysis with its id and the table) to reopen on that product or schedule — say, each
 * Monday, last week's trend of the best seller. Its filters are the page's but the category (one
 * product is one category).
 */
function ProductDetailActions({ product, table, testId }: { product: string; table: 'trend' | 'bought_together'; testId: string }) {
  const { shop, view } = useShop();
  const { category: _category, ...params } = panelReportParams(view, { product });
  return (
    <PanelFileActions
      path={`/api/v1/shops/${shop.slug}/analyses/products/${encodeURIComponent(product)}`}
      query={analysisQuery(view, { compare: false, category: false })}
      table={table}
      analysis="product"
      params={params}
      testId={testId}
    />
  );
}
