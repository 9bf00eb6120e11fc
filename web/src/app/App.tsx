/**
 * Routes: sign-in when there is no session; otherwise /shops/:shop/<page>, each page its own
 * chunk (React.lazy), inside the layout with the shop switcher, date range and filters.
 */
import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { ApiError, setCsrfToken } from '../api/client';
import { useSession } from '../api/hooks';
import { useI18n } from '../i18n/i18n';
import { Layout } from './Layout';
import { SignIn } from './SignIn';

const pages = {
  home: lazy(() => import('../pages/HomePage')),
  realtime: lazy(() => import('../pages/RealtimePage')),
  traffic: lazy(() => import('../pages/TrafficPage')),
  funnels: lazy(() => import('../pages/FunnelsPage')),
  retention: lazy(() => import('../pages/RetentionPage')),
  repurchase: lazy(() => import('../pages/RepurchasePage')),
  customers: lazy(() => import('../pages/CustomersPage')),
  products: lazy(() => import('../pages/ProductsPage')),
  datasets: lazy(() => import('../pages/DatasetsPage')),
  imports: lazy(() => import('../pages/ImportsPage')),
  settings: lazy(() => import('../pages/SettingsPage')),
};
export const PAGE_NAMES = Object.keys(pages) as Array<keyof typeof pages>;

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
