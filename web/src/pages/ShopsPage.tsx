/**
 * Every shop the signed-in user sees, side by side over the chosen range: payment amount,
 * visitors, paying buyers, payment conversion and spend per buyer, each against the period before,
 * and each shop's diagnosis of the range's last day — which shop moved, and which to open first.
 * It is one request (`GET /api/v1/analyses/shops`): the server runs each shop's own overview and
 * diagnosis, in its own currency and time zone, orders the rows and says which shops the user's
 * role may not read; nothing is summed across shops, since their money and customers differ.
 */
import { Link, useLocation } from 'react-router-dom';
import { SHOPS_COMPARED_PATH, useShopsCompared } from '../api/hooks';
import type { ShopsComparedRow } from '../api/types';
import { useShop } from '../app/shop-context';
import { ChangeText } from '../components/change-columns';
import { ExportMenu } from '../components/ExportMenu';
import { Panel } from '../components/Panel';
import { Table } from '../components/Table';
import { useI18n } from '../i18n/i18n';
import { changeOf } from '../prepare/change';
import { analysisQuery, PRESET_DAYS } from '../state/view-state';

/** The overview figures compared, in the order shown (each with its written definition in the header). */
const FIGURES = ['gmv', 'uv', 'paying_buyers', 'conversion_rate', 'aov'] as const;
type Figure = (typeof FIGURES)[number];

export default function ShopsPage() {
  const { session, view } = useShop();
  const i18n = useI18n();
  const { t, pick } = i18n;
  const location = useLocation();
  // A preset ("last 30 days") ends yesterday in each shop's own time zone — a shop further west is
  // still inside the day that is already over in the shop open in the switcher — so it is sent as
  // a number of days; chosen days are the same days everywhere.
  const query = {
    ...analysisQuery(view, { compare: false }),
    ...(view.preset === 'custom' ? { from: view.from, to: view.to } : { from: undefined, to: undefined, days: PRESET_DAYS[view.preset] }),
  };
  const answer = useShopsCompared(query);
  const rows = answer.data?.rows ?? [];
  const shopOf = new Map(session.shops.map((s) => [s.slug, s]));
  const show = (row: ShopsComparedRow, figure: Figure) => {
    const v = row.totals[figure] ?? null;
    if (figure === 'gmv' || figure === 'aov') return i18n.money(v, row.currency);
    if (figure === 'conversion_rate') return i18n.percent(v);
    return i18n.number(v);
  };
  return (
    <div className="grid">
      <Panel
        id="shops-compared"
        title={t('shops.title')}
        loading={answer.isLoading}
        error={answer.error}
        empty={answer.data !== undefined && rows.length === 0}
        actions={<ExportMenu path={SHOPS_COMPARED_PATH} query={query} />}
        wide
      >
        <p className="muted">{t('shops.explain')}</p>
        <Table<ShopsComparedRow>
          rowKey={(r) => r.shop}
          rows={rows}
          definitions={answer.data?.definitions}
          columns={[
            {
              key: 'shop',
              label: t('shops.shop'),
              render: (r) => (
                <>
                  <Link to={`/shops/${r.shop}${location.search}`}>{shopOf.get(r.shop)?.name ?? r.name}</Link>
                  <span className="muted versus" data-testid="shop-currency">
                    {r.currency} · {r.timeZone}
                  </span>
                  <span className="muted versus" data-testid="shop-range">
                    {r.from} – {r.to}
                  </span>
                  {r.refused ? <span className="versus job-error">{r.refused}</span> : null}
                </>
              ),
            },
            {
              key: 'diagnosis',
              label: t('shops.diagnosis'),
              // The home page's headline, coloured by its most serious finding.
              render: (r) =>
                r.diagnosis ? (
                  <span className={`severity-${r.diagnosis.severity}`} data-testid="shop-diagnosis">
                    {pick(r.diagnosis.summary)}
                  </span>
                ) : (
                  '—'
                ),
              wrap: true,
            },
            {
              key: 'target',
              label: t('shops.target'),
              definition: 'target_pace',
              numeric: true,
              // The month's payment amount target by that day: reached, and the pace (amber or red behind, as the diagnosis judges it).
              render: (r) => {
                const target = r.diagnosis?.target;
                if (!target || target.share === null || target.pace === null) return '—';
                const behind = target.pace < 0.75 ? 'severity-red' : target.pace < 0.9 ? 'severity-amber' : '';
                return (
                  <span className={behind} data-testid="shop-target">
                    {i18n.percent(target.share)}
                    <span className="versus">
                      {t('targets.pace')} {i18n.number(target.pace, 2)}
                    </span>
                  </span>
                );
              },
            },
            ...FIGURES.map((figure) => ({
              key: figure,
              numeric: true,
              render: (r: ShopsComparedRow) => (
                <>
                  {show(r, figure)}
                  <span className="versus">
                    <ChangeText change={changeOf(r.totals[figure], r.changes[figure]?.previous)} />
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
