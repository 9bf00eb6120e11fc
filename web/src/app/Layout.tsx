/** The frame of every page: navigation, shop switcher, date range and filters where a page uses them, save view, language, account. */
import { NavLink, Outlet, useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useSaveReport, useSignOut } from '../api/hooks';
import type { Session } from '../api/types';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { COMPARING_PAGES, pageAnalysis, reportParams } from '../state/saved-views';
import { useViewState } from '../state/view-state';
import { DataDaysNotice } from './DataDaysNotice';
import { FilterControls } from './FilterControls';
import { FiltersNotice } from './FiltersNotice';
import { can, canOpen } from './permissions';
import { RangeControls } from './RangeControls';
import { ShopContext } from './shop-context';

const PAGES_WITHOUT_RANGE = new Set(['realtime', 'imports', 'settings']);
const PAGES_WITHOUT_FILTERS = new Set(['imports', 'settings']);

const NAV: Array<[string, MessageKey]> = [
  ['shops', 'nav.shops'],
  ['', 'nav.home'],
  ['overview', 'nav.overview'],
  ['campaign', 'nav.campaign'],
  ['realtime', 'nav.realtime'],
  ['traffic', 'nav.traffic'],
  ['funnels', 'nav.funnels'],
  ['paths', 'nav.paths'],
  ['retention', 'nav.retention'],
  ['repurchase', 'nav.repurchase'],
  ['customers', 'nav.customers'],
  ['products', 'nav.products'],
  ['datasets', 'nav.datasets'],
  ['imports', 'nav.imports'],
  ['settings', 'nav.settings'],
];

export function Layout({ session }: { session: Session }) {
  const { shop: slug = '' } = useParams();
  const shop = session.shops.find((s) => s.slug === slug) ?? session.shops[0];
  const { t, locale, setLocale } = useI18n();
  const [view, update] = useViewState(shop?.timeZone ?? 'UTC');
  const navigate = useNavigate();
  const location = useLocation();
  const signOut = useSignOut();
  const saveView = useSaveReport(shop?.slug ?? '');
  const [searchParams] = useSearchParams();
  if (!shop) return <div className="state state-empty">{t('state.empty')}</div>;
  const page = location.pathname.split('/')[3] ?? '';
  // Real time is always today; imports and settings are not analyses: a date range (and, for the
  // last two, the filters) would do nothing there, so they are not offered.
  const usesRange = !PAGES_WITHOUT_RANGE.has(page);
  const usesFilters = !PAGES_WITHOUT_FILTERS.has(page);
  const switchShop = (next: string) => navigate(`/shops/${next}/${page}${location.search}`);
  return (
    <ShopContext.Provider value={{ shop, session, view, update }}>
      <div className="app">
        <nav className="sidebar" aria-label="pages">
          <div className="brand">{t('app.title')}</div>
          {/* "All shops" only where there is more than one to compare. */}
          {/* Only the pages this shop's role may open (the session's permissions). */}
          {NAV.filter(([path]) => (path !== 'shops' || session.shops.length > 1) && canOpen(shop, path)).map(([path, key]) => (
            <NavLink key={key} to={`/shops/${shop.slug}/${path}${location.search}`} end={path === ''} className="nav-link">
              {t(key)}
            </NavLink>
          ))}
        </nav>
        <div className="main">
          <header className="toolbar">
            <select aria-label="shop" value={shop.slug} onChange={(e) => switchShop(e.target.value)}>
              {session.shops.map((s) => (
                <option key={s.slug} value={s.slug}>
                  {s.name}
                </option>
              ))}
            </select>
            {usesRange ? <RangeControls view={view} update={update} compares={COMPARING_PAGES.has(page)} /> : null}
            {usesFilters ? <FilterControls view={view} update={update} /> : null}
            {/* Saving a view is a saved report: analyses.read. */}
            {pageAnalysis(page, searchParams) !== undefined && can(shop, 'analyses.read') ? (
              <button
                type="button"
                className="link"
                data-testid="save-view"
                onClick={() => {
                  const name = window.prompt(t('reports.saveName'));
                  if (name?.trim())
                    saveView.mutate({
                      name: name.trim(),
                      analysis: pageAnalysis(page, searchParams) as string,
                      params: reportParams(page, view, searchParams),
                    });
                }}
              >
                ☆ {t('reports.saveView')}
              </button>
            ) : null}
            {/* Kept together at the right end of whichever line they land on. */}
            <span className="account">
              <button type="button" className="link" data-testid="language" onClick={() => setLocale(locale === 'en' ? 'zh' : 'en')}>
                {t('common.language')}
              </button>
              <button type="button" className="link" onClick={() => signOut.mutate()}>
                {session.user.email} · {t('auth.signOut')}
              </button>
            </span>
          </header>
          <main className="content">
            {usesRange ? <DataDaysNotice view={view} update={update} /> : null}
            {usesFilters ? <FiltersNotice view={view} update={update} /> : null}
            <Outlet />
          </main>
        </div>
      </div>
    </ShopContext.Provider>
  );
}
