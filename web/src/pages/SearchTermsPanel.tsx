/** The traffic page's in-shop searches: what visitors searched for and how many went on to view, add to cart and pay. */
import { useSearchParams } from 'react-router-dom';
import { useSearchTerms } from '../api/hooks';
import type { SearchTermsResult } from '../api/types';
import { useShop } from '../app/shop-context';
import { changeColumns } from '../components/change-columns';
import { ExportMenu } from '../components/ExportMenu';
import { Panel } from '../components/Panel';
import { Table } from '../components/Table';
import { useI18n } from '../i18n/i18n';
import { analysisQuery } from '../state/view-state';

type Term = SearchTermsResult['rows'][number];
/** What the terms can be ranked by (the server's SEARCH_TERM_SORTS), each named by its metric. */
const SORTS = ['searches', 'searchers', 'paid_after', 'search_conversion'] as const satisfies ReadonlyArray<SearchTermsResult['sort']>;

export function SearchTermsPanel() {
  const { shop, view, update } = useShop();
  const [params] = useSearchParams();
  const i18n = useI18n();
  const { t } = i18n;
  // Its own URL key: the page's `sort` would travel into a saved traffic report.
  const sort = SORTS.find((s) => s === params.get('terms_by')) ?? 'searches';
  const query = { ...analysisQuery(view, { compare: false }), limit: '20', sort };
  // With the comparison toggle on, the period before for the same 20 terms.
  const terms = useSearchTerms(shop.slug, { ...analysisQuery(view), limit: '20', sort });
  const earlier = terms.data?.comparison;
  const r = terms.data;
  const n = (v: number | null) => i18n.number(v);
  const pct = (v: number | null) => i18n.percent(v);
  return (
    <Panel
      title={t('search.title')}
      loading={terms.isLoading}
      error={terms.error}
      empty={(r?.rows.length ?? 0) === 0}
      emptyText={t('search.none')}
      wide
      actions={
        <label>
          <ExportMenu path={`/api/v1/shops/${shop.slug}/analyses/search-terms`} query={query} /> {t('products.sort')}{' '}
          <select
            aria-label={t('search.sort')}
            value={sort}
            onChange={(e) => update({ terms_by: e.target.value === 'searches' ? null : e.target.value })}
          >
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {i18n.metric(r?.definitions, s)}
              </option>
            ))}
          </select>
        </label>
      }
    >
      {r ? (
        <p className="muted" data-testid="search-totals">
          {t('search.totals')
            .replace('{searches}', n(r.totals.searches))
            .replace('{searchers}', n(r.totals.searchers))
            .replace('{terms}', n(r.totals.terms))
            .replace('{conversion}', pct(r.totals.search_conversion))}
        </p>
      ) : null}
      <Table<Term>
        rowKey={(x) => x.term}
        rows={r?.rows ?? []}
        definitions={r?.definitions}
        columns={[
          { key: 'search_term', label: t('search.term'), render: (x) => x.term },
          { key: 'searches', numeric: true, render: (x) => n(x.searches) },
          { key: 'search_share', numeric: true, render: (x) => pct(x.search_share) },
          { key: 'searchers', numeric: true, render: (x) => n(x.searchers) },
          { key: 'search_view_rate', numeric: true, render: (x) => pct(x.search_view_rate) },
          { key: 'carted_after', numeric: true, render: (x) => n(x.carted_after) },
          { key: 'paid_after', numeric: true, render: (x) => n(x.paid_after) },
          { key: 'search_conversion', numeric: true, render: (x) => pct(x.search_conversion) },
          ...changeColumns(earlier?.result.rows, r?.rows ?? [], (x) => x.term, [
            { metric: 'searches', label: i18n.metric(r?.definitions, 'searches'), value: (x) => x.searches, additive: true },
            {
              metric: 'search_conversion',
              label: i18n.metric(r?.definitions, 'search_conversion'),
              value: (x) => x.search_conversion,
              additive: false,
            },
          ]),
        ]}
      />
    </Panel>
  );
}
