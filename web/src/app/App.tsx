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

const loaders = {
  home: () => import('../pages/HomePage'),
  realtime: () => import('../pages/RealtimePage'),
  traffic: () => import('../pages/TrafficPage'),
  funnels: () => import('../pages/FunnelsPage'),
  retention: () => import('../pages/RetentionPage'),
  repurchase: () => import('../pages/RepurchasePage'),
  customers: () => import('../pages/CustomersPage'),
  products: () => import('../pages/ProductsPage'),
  datasets: () => import('../pages/DatasetsPage'),
  imports: () => import('../pages/ImportsPage'),
  settings: () => import('../pages/SettingsPage'),
};
const pages = Object.fromEntries(Object.entries(loaders).map(([name, load]) => [name, lazy(load)])) as unknown as Record<
  keyof typeof loaders,
  LazyExoticComponent<ComponentType>
>;

// Fetch the current page's chunk (and with it the chart library) while the session is checked,
// instead of after: the two requests overlap and the first paint with data comes sooner.
const current = window.location.pathname.split('/')[3] || 'home';
void (loaders[current as keyof typeof loaders] ?? loaders.home)().catch(() => {});

export const PAGE_NAMES = Object.keys(loaders) as Array<keyof typeof loaders>;

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
          const Page = pages[name];
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
