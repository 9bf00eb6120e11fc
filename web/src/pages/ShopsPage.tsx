/**
 * Every shop the signed-in user sees, side by side over the chosen range: payment amount,
 * visitors, paying buyers, payment conversion and spend per buyer, each against the period before,
 * and each shop's diagnosis of the range's last day — which shop moved, and which to open first. Each row is that shop's own overview (one request
 * per shop, scoped to it like any analysis), in its own currency and time zone: nothing is summed
 * across shops, since their money and their customers are not the same.
 */
import { Link, useLocation } from 'react-router-dom';
import { useDiagnoses, useOverviews } from '../api/hooks';
import type { DiagnosisResult, OverviewResult, SessionShop } from '../api/types';
import { useShop } from '../app/shop-context';
import { ChangeText } from '../components/change-columns';
import { Panel } from '../components/Panel';
import { Table } from '../components/Table';
import { useI18n } from '../i18n/i18n';
import { changeOf } from '../prepare/change';
import { analysisQuery, presetRange, todayIn } from '../state/view-state';

/** The overview figures compared, in the order shown (each with its written definition in the header). */
const FIGURES = ['gmv', 'uv', 'paying_buyers', 'conversion_rate', 'aov'] as const;
type Figure = (typeof FIGURES)[number];

interface ShopRow {
  shop: SessionShop;
  /** The days compared, in the shop's own time zone. */
  range: { from: string; to: string };
  result: OverviewResult | undefined;
  /** The shop's diagnosis of the range's last day, as its home page shows it. */
  diagnosis: DiagnosisResult | undefined;
  /** Why this shop has no figures (e.g. a role that may see the shop but not read its analyses). */
  error: string | undefined;
}

export default function ShopsPage() {
  const { session, view } = useShop();
  const i18n = useI18n();
  const { t, pick } = i18n;
  const location = useLocation();
  // A preset ("last 30 days") ends yesterday in each shop's own time zone — a shop further west is
  // still inside the day that is already over in the shop open in the switcher; chosen days are
  // the same days everywhere.
  const rangeOf = (shop: SessionShop) =>
    view.preset === 'custom' ? { from: view.from, to: view.to } : presetRange(view.preset, todayIn(shop.timeZone));
  const filters = analysisQuery(view, { compare: false });
  const answers = useOverviews(
    session.shops.map((shop) => ({ shop: shop.slug, query: { ...filters, ...rangeOf(shop), compare: 'previous' } })),
  );
  const diagnoses = useDiagnoses(
    session.shops.map((shop) => ({
      shop: shop.slug,
      query: { ...filters, from: undefined, to: undefined, date: rangeOf(shop).to, period: 'day' },
    })),
  );
  const rows: ShopRow[] = session.shops.map((shop, i) => {
    const failed = answers[i]?.error;
    return {
      shop,
      range: rangeOf(shop),
      result: answers[i]?.data,
      diagnosis: diagnoses[i]?.data,
      error: failed ? String(failed.message ?? failed) : undefined,
    };
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
        <p className="muted">{t('shops.explain')}</p>
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
                  <span className="muted versus" data-testid="shop-currency">
                    {r.shop.currency} · {r.shop.timeZone}
                  </span>
                  <span className="muted versus" data-testid="shop-range">
                    {r.range.from} – {r.range.to}
                  </span>
                  {r.error ? <span className="versus job-error">{r.error}</span> : null}
                </>
              ),
            },
            {
              key: 'diagnosis',
              label: t('shops.diagnosis'),
              // The home page's headline, coloured by its most serious finding.
              render: (r) =>
                r.diagnosis ? (
                  <span className={`severity-${r.diagnosis.findings[0]?.severity ?? 'info'}`} data-testid="shop-diagnosis">
                    {pick(r.diagnosis.summary)}
                  </span>
                ) : (
                  '—'
                ),
              wrap: true,
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
