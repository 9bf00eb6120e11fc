/**
 * Routes: sign-in when there is no session; otherwise /shops/:shop/<page>, each page its own
 * chunk (React.lazy), inside the layout with the shop switcher, date range and filters.
 */
import { type ComponentType, type LazyExoticComponent, lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { ApiError, setCsrfToken } from '../api/client';
import { useSession } from '../api/hooks';
import { useI18n } from '../i18n/i18n';
import { Layout } from './Layout';
import { SignIn } from './SignIn';

const importers = {
  home: () => import('../pages/HomePage'),
  overview: () => import('../pages/OverviewPage'),
  campaign: () => import('../pages/CampaignReviewPage'),
  realtime: () => import('../pages/RealtimePage'),
  traffic: () => import('../pages/TrafficPage'),
  funnels: () => import('../pages/FunnelsPage'),
  retention: () => import('../pages/RetentionPage'),
  repurchase: () => import('../pages/RepurchasePage'),
  paths: () => import('../pages/PathsPage'),
  customers: () => import('../pages/CustomersPage'),
  products: () => import('../pages/ProductsPage'),
  datasets: () => import('../pages/DatasetsPage'),
  imports: () => import('../pages/ImportsPage'),
  settings: () => import('../pages/SettingsPage'),
  shops: () => import('../pages/ShopsPage'),
};
type PageName = keyof typeof importers;

/** Page modules already loaded: rendered directly, without a Suspense round (React holds those back ~300 ms). */
const loaded: Partial<Record<PageName, ComponentType>> = {};
const loaders = Object.fromEntries(
  Object.entries(importers).map(([name, load]) => [
    name,
    () =>
      load().then((m) => {
        loaded[name as PageName] = m.default;
        return m;
      }),
  ]),
) as unknown as typeof importers;
const pages = Object.fromEntries(Object.entries(loaders).map(([name, load]) => [name, lazy(load)])) as unknown as Record<
  PageName,
  LazyExoticComponent<ComponentType>
>;

// Fetch the current page's chunk while the session is checked, instead of after: by the time
// the session answers, the page is usually loaded and renders (and starts its requests) at once.
const current = window.location.pathname.split('/')[3] || 'home';
void (loaders[current as PageName] ?? loaders.home)().catch(() => {});

export const PAGE_NAMES = Object.keys(importers) as PageName[];

export function App() {
  const session = useSession();
  const { t } = useI18n();
  if (session.isLoading) return <div className="state state-loading">{t('state.loading')}</div>;
  if (session.error instanceof ApiError && session.error.status === 401) return <SignIn />;
  if (session.error || !session.data) return <div className="state state-error">{String(session.error)}</div>;
  setCsrfToken(session.data.csrfToken);
  const first = session.data.shops[0]?.slug;
  return (
    <Routes>
      <Route path="/shops/:shop" element={<Layout session={session.data} />}>
        {PAGE_NAMES.map((name) => {
          const Page = loaded[name] ?? pages[name];
          return (
            <Route
              key={name}
              path={name === 'home' ? '' : name}
              element={
                <Suspense fallback={<div className="state state-loading">{t('state.loading')}</div>}>
                  <Page />
                </Suspense>
              }
            />
          );
        })}
      </Route>
      <Route
        path="*"
        element={first ? <Navigate to={`/shops/${first}`} replace /> : <div className="state state-empty">{t('state.empty')}</div>}
      />
    </Routes>
  );
}
