/**
 * The Products page's categories (类目分析): which product categories draw visitors, get carted,
 * sell and come back. A click on a category filters the whole page to it (the top bar's category
 * filter), so the ranking, price bands and refunds below count its products alone.
 */
import { useCategories } from '../api/hooks';
import type { CategoriesResult } from '../api/types';
import { useShop } from '../app/shop-context';
import { changeColumns } from '../components/change-columns';
import { Chart } from '../components/LazyChart';
import { Panel } from '../components/Panel';
import { PanelFileActions } from '../components/PanelFileActions';
import { Table } from '../components/Table';
import { useI18n } from '../i18n/i18n';
import { panelReportParams } from '../state/saved-views';
import { analysisQuery } from '../state/view-state';

type Category = CategoriesResult['rows'][number];
/** The chart shows the best sellers; the table lists every category. */
const CHARTED = 12;

export function CategoriesPanel() {
  const { shop, view, update } = useShop();
  const i18n = useI18n();
  const { t } = i18n;
  const query = analysisQuery(view);
  const res = useCategories(shop.slug, query);
  const r = res.data;
  const rows = r?.rows ?? [];
  const earlier = r?.comparison;
  const name = (c: Category) => (c.category === '' ? t('categories.none') : c.category);
  const metric = (key: string) => i18n.metric(r?.definitions, key);
  const money = (v: number) => i18n.money(v, shop.currency);
  const charted = rows.slice(0, CHARTED);
  return (
    <Panel
      id="categories"
      title={`${t('categories.title')} (${shop.currency})`}
      loading={res.isLoading}
      error={res.error}
      empty={rows.every((c) => c.views === 0 && c.gmv === 0 && c.cart_visitors === 0)}
      wide
      actions={
        <PanelFileActions
          path={`/api/v1/shops/${shop.slug}/analyses/categories`}
          query={query}
          analysis="categories"
          params={panelReportParams(view, {}, { compare: true })}
          testId="save-categories"
        />
      }
    >
      <p className="muted">{t('categories.explain')}</p>
      <Chart
        label="categories"
        height={240}
        option={{
          legend: { top: 0 },
          tooltip: { trigger: 'axis' },
          xAxis: { type: 'category', data: charted.map(name) },
          yAxis: [{ type: 'value' }, { type: 'value', splitLine: { show: false } }],
          series: [
            { type: 'bar', name: metric('cat_gmv'), data: charted.map((c) => c.gmv) },
            { type: 'line', name: metric('cat_visitors'), yAxisIndex: 1, data: charted.map((c) => c.visitors) },
          ],
        }}
      />
      <Table<Category>
        rowKey={(c) => c.category}
        rows={rows}
        definitions={r?.definitions}
        onRow={(c) => update({ category: [c.category] })}
        columns={[
          { key: 'product_category', render: name },
          { key: 'cat_views', numeric: true, render: (c) => i18n.number(c.views) },
          { key: 'cat_visitors', numeric: true, render: (c) => i18n.number(c.visitors) },
          { key: 'cat_cart_rate', numeric: true, render: (c) => i18n.percent(c.cart_rate) },
          { key: 'cat_buyers', numeric: true, render: (c) => i18n.number(c.buyers) },
          { key: 'cat_units', numeric: true, render: (c) => i18n.number(c.units) },
          { key: 'cat_gmv', numeric: true, render: (c) => money(c.gmv) },
          { key: 'cat_gmv_share', numeric: true, render: (c) => i18n.percent(c.gmv_share) },
          { key: 'cat_conversion', numeric: true, render: (c) => i18n.percent(c.view_to_pay_conversion) },
          { key: 'cat_refund_rate', numeric: true, render: (c) => i18n.percent(c.refund_rate) },
          ...changeColumns(earlier?.result.rows, rows, (c) => c.category, [
            { metric: 'cat_gmv', label: metric('cat_gmv'), value: (c) => c.gmv, additive: true },
          ]),
        ]}
      />
    </Panel>
  );
}
