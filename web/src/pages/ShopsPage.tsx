/**
 * Every shop the signed-in user sees, side by side over the chosen range: payment amount,
 * visitors, paying buyers, payment conversion and spend per buyer, each against the period before
 * — which shop moved, and which to open first. Each row is that shop's own overview (one request
 * per shop, scoped to it like any analysis), in its own currency and time zone: nothing is summed
 * across shops, since their money and their customers are not the same.
 */
import { Link, useLocation } from 'react-router-dom';
import { useOverviews } from '../api/hooks';
import type { OverviewResult, SessionShop } from '../api/types';
import { useShop } from '../app/shop-context';
import { ChangeText } from '../components/change-columns';
import { Panel } from '../components/Panel';
import { Table } from '../components/Table';
import { useI18n } from '../i18n/i18n';
import { changeOf } from '../prepare/change';
import { analysisQuery } from '../state/view-state';

/** The overview figures compared, in the order shown (each with its written definition in the header). */
const FIGURES = ['gmv', 'uv', 'paying_buyers', 'conversion_rate', 'aov'] as const;
type Figure = (typeof FIGURES)[number];

interface ShopRow {
  shop: SessionShop;
  result: OverviewResult | undefined;
  /** Why this shop has no figures (e.g. a role that may see the shop but not read its analyses). */
  error: string | undefined;
}

export default function ShopsPage() {
  const { session, view } = useShop();
  const i18n = useI18n();
  const { t } = i18n;
  const location = useLocation();
  const query = { ...analysisQuery(view, { compare: false }), compare: 'previous' };
  const answers = useOverviews(
    session.shops.map((s) => s.slug),
    query,
  );
  const rows: ShopRow[] = session.shops.map((shop, i) => {
    const failed = answers[i]?.error;
    return { shop, result: answers[i]?.data, error: failed ? String(failed.message ?? failed) : undefined };
  });
  // By currency (amounts in two currencies do not rank against each other), then the largest
  // payment amount first; a shop still loading goes last in its currency.
  rows.sort(
    (a, b) =>
      a.shop.currency.localeCompare(b.shop.currency) ||
      (b.result?.totals.gmv ?? -1) - (a.result?.totals.gmv ?? -1) ||
      a.shop.name.localeCompare(b.shop.name),
  );
  // One shop's refusal (a viewer's role there, say) is said on its row; the page fails only if every shop does.
  const error = answers.length > 0 && answers.every((a) => a.error) ? (answers[0]?.error ?? null) : null;
  const definitions = answers.find((a) => a.data)?.data?.definitions;
  const show = (row: ShopRow, figure: Figure) => {
    const v = row.result?.totals[figure] ?? null;
    if (figure === 'gmv' || figure === 'aov') return i18n.money(v, row.shop.currency);
    if (figure === 'conversion_rate') return i18n.percent(v);
    return i18n.number(v);
  };
  return (
    <div className="grid">
      <Panel
        id="shops-compared"
        title={t('shops.title')}
        loading={answers.some((a) => a.isLoading)}
        error={error}
        empty={rows.length === 0}
        wide
      >
        <p className="muted">{t('shops.explain').replace('{from}', view.from).replace('{to}', view.to)}</p>
        <Table<ShopRow>
          rowKey={(r) => r.shop.slug}
          rows={rows}
          definitions={definitions}
          columns={[
            {
              key: 'shop',
              label: t('shops.shop'),
              render: (r) => (
                <>
                  <Link to={`/shops/${r.shop.slug}${location.search}`}>{r.shop.name}</Link>
                  <span className="muted versus">
                    {r.shop.currency} · {r.shop.timeZone}
                  </span>
                  {r.error ? <span className="versus job-error">{r.error}</span> : null}
                </>
              ),
            },
            ...FIGURES.map((figure) => ({
              key: figure,
              numeric: true,
              render: (r: ShopRow) => (
                <>
                  {show(r, figure)}
                  <span className="versus">
                    <ChangeText change={changeOf(r.result?.totals[figure], r.result?.comparison?.totals[figure])} />
                  </span>
                </>
              ),
            })),
          ]}
        />
      </Panel>
    </div>
  );
}
