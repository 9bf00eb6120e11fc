/**
 * The home page's products to look at: the product diagnosis (商品诊断) of the diagnosed days
 * against the days before, one line per finding that has products — how many, their size, the
 * first few named — each a link to the Products page listing them. Shown to those who may run
 * analyses (the diagnosis of products is one); asked for nobody else.
 */
import { Link, useSearchParams } from 'react-router-dom';
import { useProductDiagnosis } from '../api/hooks';
import { canOpen } from '../app/permissions';
import { useShop } from '../app/shop-context';
import { MetricLabel } from '../components/MetricLabel';
import { Panel } from '../components/Panel';
import { useI18n } from '../i18n/i18n';
import { daysText, marksText } from '../prepare/marked-days';
import { analysisQuery, diagnosedDaysQuery } from '../state/view-state';
import { findingSizeText } from './ProductDiagnosisPanel';

/** Products named on a line; the Products page lists them all. */
const NAMED = 3;

export function ProductsToWatchPanel({ from, to }: { from: string; to: string }) {
  const { shop, view } = useShop();
  const i18n = useI18n();
  const { t } = i18n;
  const [params] = useSearchParams();
  const allowed = canOpen(shop, 'products');
  const res = useProductDiagnosis(shop.slug, { ...analysisQuery(view, { compare: false }), from, to }, allowed);
  if (!allowed) return null;
  const r = res.data;
  const found = r?.summary.filter((k) => k.products > 0) ?? [];
  // The home page's filters go along; its day or week becomes the Products page's range.
  const link = (kind: string) => `/shops/${shop.slug}/products?${diagnosedDaysQuery(params, from, to, { finding: kind })}`;
  return (
    <Panel id="products-to-watch" title={t('diagnosisProducts.home')} loading={res.isLoading} error={res.error}>
      {r ? (
        found.length === 0 ? (
          <p className="muted">{t('diagnosisProducts.none')}</p>
        ) : (
          <ul className="findings">
            {found.map((k) => {
              const names = r.products.filter((p) => p.findings.some((f) => f.kind === k.kind)).map((p) => p.name || p.product_id);
              return (
                <li key={k.kind} className={`finding ${k.kind === 'rising' ? '' : 'severity-amber'}`} data-finding={k.kind}>
                  <MetricLabel name={`finding_${k.kind}`} definitions={r.definitions} />
                  {': '}
                  <span data-testid="count">
                    {k.products === 1
                      ? t('diagnosisProducts.oneProduct')
                      : t('diagnosisProducts.products').replace('{n}', i18n.number(k.products))}
                  </span>{' '}
                  · {findingSizeText(i18n, shop.currency, k.kind, k.size)}
                  <span className="muted">
                    {' '}
                    ({names.slice(0, NAMED).join(', ')}
                    {names.length > NAMED ? ', …' : ''})
                  </span>{' '}
                  <Link to={link(k.kind)}>→</Link>
                </li>
              );
            })}
          </ul>
        )
      ) : null}
      {r?.marked_days.compared.length ? (
        <p className="marks-line" data-testid="compared-marks">
          {t('diagnosisProducts.comparedMarks').replace('{marks}', marksText(r.marked_days.compared, i18n))}
        </p>
      ) : null}
      {r ? <p className="muted">{t('diagnosisProducts.against').replace('{days}', daysText(r.compared))}</p> : null}
    </Panel>
  );
}
