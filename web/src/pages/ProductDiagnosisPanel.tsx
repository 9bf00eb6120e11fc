/**
 * The products page's diagnosis (商品诊断): how many products have each finding (sales or traffic
 * falling, visitors but no sales, low conversion, carted but not paid, high refunds, rising), and
 * the products behind a finding picked (`finding` in the URL, so a link keeps it), most pressing
 * first. A product opens in the page's details, as a ranking row does. Held against the comparison
 * period when the toggle picks one, else the period of the same length before.
 */
import { useSearchParams } from 'react-router-dom';
import { useProductDiagnosis } from '../api/hooks';
import type { ProductDiagnosisResult } from '../api/types';
import { useShop } from '../app/shop-context';
import { CommitField } from '../components/CommitField';
import { ChangeText } from '../components/change-columns';
import { MetricLabel } from '../components/MetricLabel';
import { Panel } from '../components/Panel';
import { PanelFileActions } from '../components/PanelFileActions';
import { Table } from '../components/Table';
import { type I18n, useI18n } from '../i18n/i18n';
import { changeOf } from '../prepare/change';
import { daysText, marksText } from '../prepare/marked-days';
import { panelReportParams } from '../state/saved-views';
import { analysisQuery } from '../state/view-state';

type Diagnosed = ProductDiagnosisResult['products'][number];
export type FindingKind = ProductDiagnosisResult['summary'][number]['kind'];

/** What a finding's size counts (its definition says the same): money, else visitors or buyers. */
const MONEY_KINDS: ReadonlySet<FindingKind> = new Set(['sales_falling', 'high_refunds', 'rising']);

/** "CN¥6,943.40 short", "597 visitors", "96 buyers short": a finding's size in its unit. */
export function findingSizeText(i18n: I18n, currency: string, kind: FindingKind, value: number): string {
  const v = MONEY_KINDS.has(kind) ? i18n.money(value, currency) : i18n.number(value);
  return i18n.t(`diagnosisProducts.size.${kind}`).replace('{v}', v);
}
const DEFAULT_MIN_VISITORS = 20;

export function ProductDiagnosisPanel({ onProduct, selected }: { onProduct: (product: string) => void; selected: string | null }) {
  const { shop, view, update } = useShop();
  const [search] = useSearchParams();
  const i18n = useI18n();
  const { t } = i18n;
  const minVisitors = Number(search.get('min_visitors')) || DEFAULT_MIN_VISITORS;
  const own = minVisitors === DEFAULT_MIN_VISITORS ? {} : { min_visitors: minVisitors };
  // The comparison toggle's period when on; otherwise the analysis's own default, the period before.
  const query = { ...analysisQuery(view), ...own };
  const res = useProductDiagnosis(shop.slug, query);
  const r = res.data;
  const picked = r?.summary.find((k) => k.kind === search.get('finding'))?.kind ?? null;
  const rows = (r?.products ?? []).filter((p) => !picked || p.findings.some((f) => f.kind === picked));
  const kindLabel = (kind: FindingKind) => i18n.metric(r?.definitions, `finding_${kind}`);
  const size = (kind: FindingKind, value: number) => findingSizeText(i18n, shop.currency, kind, value);
  const money = (v: number) => i18n.money(v, shop.currency);
  return (
    <Panel
      id="product-diagnosis"
      title={`${t('diagnosisProducts.title')}${r ? ` · ${t('diagnosisProducts.against').replace('{days}', daysText(r.compared))}` : ''}`}
      loading={res.isLoading}
      error={res.error}
      empty={r !== undefined && r.productsJudged === 0}
      wide
      actions={
        <PanelFileActions
          path={`/api/v1/shops/${shop.slug}/analyses/product-diagnosis`}
          query={query}
          table="findings"
          analysis="product-diagnosis"
          params={panelReportParams(view, own, { compare: true })}
          testId="save-product-diagnosis"
        >
          <CommitField
            label={t('diagnosisProducts.minVisitors')}
            value={String(minVisitors)}
            width="5em"
            numeric
            onCommit={(v) => {
              const n = Math.floor(Number(v));
              update({ min_visitors: n >= 1 && n !== DEFAULT_MIN_VISITORS ? String(n) : null });
            }}
          />
        </PanelFileActions>
      }
    >
      {r ? (
        <>
          <p className="muted">{t('diagnosisProducts.explain').replace('{judged}', i18n.number(r.productsJudged))}</p>
          {r.marked_days.compared.length ? (
            <p className="marks-line" data-testid="compared-marks">
              {t('diagnosisProducts.comparedMarks').replace('{marks}', marksText(r.marked_days.compared, i18n))}
            </p>
          ) : null}
          <fieldset className="kpis" aria-label={t('diagnosisProducts.findings')}>
            {r.summary.map((k) => (
              <button
                type="button"
                className={`kpi kpi-pick${k.kind === picked ? ' selected' : ''}${k.products > 0 && k.kind !== 'rising' ? ' status-watch' : ''}`}
                key={k.kind}
                data-finding={k.kind}
                aria-pressed={k.kind === picked}
                onClick={() => update({ finding: k.kind === picked ? null : k.kind })}
              >
                <span className="kpi-label">
                  <MetricLabel name={`finding_${k.kind}`} definitions={r.definitions} />
                </span>
                <span className="kpi-value">{i18n.number(k.products)}</span>
                <span className="muted">{k.products > 0 ? size(k.kind, k.size) : '—'}</span>
              </button>
            ))}
          </fieldset>
          {rows.length === 0 ? (
            <p className="muted" data-testid="product-diagnosis-none">
              {picked ? t('diagnosisProducts.noneOfKind') : t('diagnosisProducts.none')}
            </p>
          ) : (
            <Table<Diagnosed>
              rowKey={(p) => p.product_id}
              rows={rows}
              definitions={r.definitions}
              onRow={(p) => onProduct(p.product_id)}
              selected={selected}
              columns={[
                { key: 'name', label: t('common.name'), render: (p) => p.name || p.product_id },
                { key: 'category', label: t('filter.category'), render: (p) => p.category },
                {
                  key: 'findings',
                  label: t('diagnosisProducts.findings'),
                  wrap: true,
                  render: (p) =>
                    p.findings.map((f) => (
                      <span key={f.kind} className={f.kind === 'rising' ? 'finding-tag rising' : 'finding-tag'} data-finding={f.kind}>
                        {kindLabel(f.kind)} · {size(f.kind, f.size)}
                      </span>
                    )),
                },
                { key: 'product_visitors', numeric: true, render: (p) => i18n.number(p.visitors) },
                { key: 'visitors_change', numeric: true, render: (p) => <ChangeText change={changeOf(p.visitors, p.expected_visitors)} /> },
                { key: 'product_buyers', numeric: true, render: (p) => i18n.number(p.buyers) },
                { key: 'view_to_pay_conversion', numeric: true, render: (p) => i18n.percent(p.view_to_pay_conversion) },
                { key: 'product_gmv', numeric: true, render: (p) => money(p.gmv) },
                { key: 'gmv_change', numeric: true, render: (p) => <ChangeText change={changeOf(p.gmv, p.expected_gmv)} /> },
                { key: 'refunded_order_rate', numeric: true, render: (p) => i18n.percent(p.refunded_order_rate) },
              ]}
            />
          )}
          {r.provisionalFrom ? <p className="muted">{t('refunds.settling').replace('{day}', r.provisionalFrom)}</p> : null}
        </>
      ) : null}
    </Panel>
  );
}
