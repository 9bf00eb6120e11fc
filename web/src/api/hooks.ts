/** One TanStack Query hook per API endpoint the dashboard reads or writes. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CatalogueSides } from '../prepare/dataset-picks';
import { type MarkAreaOption, markAreaOf } from '../prepare/marked-days';
import { api, type Query, queryString } from './client';
import type {
  ApiKeyView,
  AudienceResult,
  CampaignReviewResult,
  CategoriesResult,
  CustomerListResult,
  CustomerProfileResult,
  CustomersResult,
  Definitions,
  DiagnosisResult,
  FunnelResult,
  ImportJob,
  ImportSourceView,
  MarkedDays,
  OrderValuesResult,
  OverviewResult,
  PathsResult,
  PriceBandsResult,
  ProductBuyersResult,
  ProductDetailResult,
  ProductDiagnosisResult,
  ProductsResult,
  RealtimeResult,
  RefundCustomersResult,
  RefundsResult,
  RepurchaseResult,
  RetentionResult,
  SavedReport,
  SearchTermsResult,
  SegmentMovementResult,
  Session,
  ShopsComparedResult,
  TargetProgress,
  TrafficResult,
} from './types';

const shopPath = (shop: string) => `/api/v1/shops/${encodeURIComponent(shop)}`;
const analysis = <T>(shop: string, name: string, query: Query) => ({
  queryKey: ['analysis', shop, name, query],
  queryFn: () => api<T>(`${shopPath(shop)}/analyses/${name}`, { query }),
  placeholderData: keepPreviousData,
  enabled: Boolean(shop),
});

/** The shop's categories, regions and live rooms, most seen first: suggestions for the top bar's filters. */
export const useFilterValues = (shop: string) =>
  useQuery({
    queryKey: ['filter-values', shop],
    queryFn: () => api<{ categories: string[]; regions: string[]; live_rooms: string[] }>(`${shopPath(shop)}/filter-values`),
    enabled: Boolean(shop),
    staleTime: 10 * 60_000,
  });

/** The shop-local days the shop's data covers (its first and last event or order). */
export const useDataDays = (shop: string) =>
  useQuery({
    queryKey: ['data-days', shop],
    queryFn: () => api<{ first_day: string | null; last_day: string | null }>(`${shopPath(shop)}/data-days`),
    enabled: Boolean(shop),
    staleTime: 5 * 60_000,
  });

export const useSession = () => useQuery({ queryKey: ['session'], queryFn: () => api<Session>('/api/v1/session'), retry: false });

export function useSignIn() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) => api<Session>('/api/v1/auth/sign-in', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['session'] }),
  });
}
export function useSignOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/api/v1/auth/sign-out', { method: 'POST' }),
    onSuccess: () => qc.resetQueries(),
  });
}

const diagnosis = (shop: string, query: Query) => ({
  queryKey: ['diagnosis', shop, query],
  queryFn: () => api<DiagnosisResult>(`${shopPath(shop)}/diagnostics`, { query }),
  placeholderData: keepPreviousData,
});
export const useDiagnosis = (shop: string, query: Query) => useQuery(diagnosis(shop, query));
export const useOverview = (shop: string, query: Query) => useQuery(analysis<OverviewResult>(shop, 'overview', query));
/** Every shop of the user's organizations side by side (one request; the server scopes each shop). */
export const SHOPS_COMPARED_PATH = '/api/v1/analyses/shops';
export const useShopsCompared = (query: Query) =>
  useQuery({
    queryKey: ['analysis', '*', 'shops', query],
    queryFn: () => api<ShopsComparedResult>(SHOPS_COMPARED_PATH, { query }),
    placeholderData: keepPreviousData,
  });
export const useRealtime = (shop: string, query: Query) => ({
  ...useQuery({ ...analysis<RealtimeResult>(shop, 'realtime', query), refetchInterval: 60_000 }),
});
export const useTraffic = (shop: string, query: Query, enabled = true) =>
  useQuery({ ...analysis<TrafficResult>(shop, 'traffic', query), enabled: Boolean(shop) && enabled });
export const useRetention = (shop: string, query: Query) => useQuery(analysis<RetentionResult>(shop, 'retention', query));
export const useRepurchase = (shop: string, query: Query) => useQuery(analysis<RepurchaseResult>(shop, 'repurchase', query));
export const useCustomers = (shop: string, query: Query) => useQuery(analysis<CustomersResult>(shop, 'customers', query));
export const useSegmentMovement = (shop: string, query: Query) =>
  useQuery(analysis<SegmentMovementResult>(shop, 'segment-movement', query));
export const useCustomerList = (shop: string, query: Query, enabled: boolean) =>
  useQuery({ ...analysis<CustomerListResult>(shop, 'customer-list', query), enabled });
export const usePaths = (shop: string, query: Query) => useQuery(analysis<PathsResult>(shop, 'paths', query));
export const useSearchTerms = (shop: string, query: Query) => useQuery(analysis<SearchTermsResult>(shop, 'search-terms', query));
export const useProducts = (shop: string, query: Query) => useQuery(analysis<ProductsResult>(shop, 'products', query));
export const useOrderValues = (shop: string, query: Query) => useQuery(analysis<OrderValuesResult>(shop, 'order-values', query));
export const useCategories = (shop: string, query: Query) => useQuery(analysis<CategoriesResult>(shop, 'categories', query));
export const usePriceBands = (shop: string, query: Query) => useQuery(analysis<PriceBandsResult>(shop, 'price-bands', query));
export const useCampaignReview = (shop: string, query: Query) => useQuery(analysis<CampaignReviewResult>(shop, 'campaign-review', query));
/** `enabled` false: not asked at all (the home page's panel for a user who may not run analyses). */
export const useProductDiagnosis = (shop: string, query: Query, enabled = true) =>
  useQuery({ ...analysis<ProductDiagnosisResult>(shop, 'product-diagnosis', query), enabled: Boolean(shop) && enabled });
export const useRefunds = (shop: string, query: Query) => useQuery(analysis<RefundsResult>(shop, 'refunds', query));
/** One customer, whole; RFM as of the query's `to`. */
export const useCustomerProfile = (shop: string, customer: string | null, query: Query) =>
  useQuery({
    queryKey: ['analysis', shop, 'customer', customer, query],
    queryFn: () => api<CustomerProfileResult>(`${shopPath(shop)}/analyses/customers/${encodeURIComponent(customer ?? '')}`, { query }),
    enabled: Boolean(customer),
  });
/** Who bought one product over the query's range (the first page). */
export const useProductBuyers = (shop: string, product: string | null, query: Query) =>
  useQuery({
    queryKey: ['analysis', shop, 'product-buyers', product, query],
    queryFn: () => api<ProductBuyersResult>(`${shopPath(shop)}/analyses/products/${encodeURIComponent(product ?? '')}/buyers`, { query }),
    enabled: Boolean(product),
  });
export const useRefundCustomers = (shop: string, query: Query) =>
  useQuery(analysis<RefundCustomersResult>(shop, 'refund-customers', query));
export const useProductDetail = (shop: string, product: string | null, query: Query) =>
  useQuery({
    queryKey: ['analysis', shop, 'product', product, query],
    queryFn: () => api<ProductDetailResult>(`${shopPath(shop)}/analyses/products/${encodeURIComponent(product ?? '')}`, { query }),
    enabled: Boolean(product),
  });

/** A funnel is a POST (its definition is a JSON body); it is still a read, cached by its definition. */
export const useFunnel = (shop: string, body: Record<string, unknown> | null) =>
  useQuery({
    queryKey: ['funnel', shop, body],
    queryFn: () => api<FunnelResult>(`${shopPath(shop)}/analyses/funnel`, { method: 'POST', body }),
    enabled: body !== null,
    placeholderData: keepPreviousData,
  });

/** An audience (人群圈选): its conditions travel as a body, as a funnel's steps do; null asks nothing yet. */
export const useAudience = (shop: string, body: Record<string, unknown> | null) =>
  useQuery({
    queryKey: ['audience', shop, body],
    queryFn: () => api<AudienceResult>(`${shopPath(shop)}/analyses/audience`, { method: 'POST', body }),
    enabled: body !== null,
    placeholderData: keepPreviousData,
  });

export const useReports = (shop: string) =>
  useQuery({ queryKey: ['reports', shop], queryFn: () => api<{ reports: SavedReport[] }>(`${shopPath(shop)}/reports`) });
export function useSaveReport(shop: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; analysis: string; params: Record<string, unknown> }) =>
      api<SavedReport>(`${shopPath(shop)}/reports`, { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['reports', shop] }),
  });
}

/** The shop's marked days touching `from`–`to` (promotions, live streams, outages), earliest first. */
export const useAnnotations = (shop: string, days: { from?: string; to?: string }, enabled = true) =>
  useQuery({
    queryKey: ['annotations', shop, days],
    queryFn: () => api<{ annotations: MarkedDays[] }>(`${shopPath(shop)}/annotations`, { query: days }),
    enabled: Boolean(shop) && enabled,
    placeholderData: keepPreviousData,
  });
/** The shop's marked days as shaded bands over a chart of these days (undefined while loading, or with none). */
export function useMarkArea(shop: string, days: string[]): MarkAreaOption | undefined {
  const marks = useAnnotations(shop, { from: days[0], to: days[days.length - 1] }, days.length > 0);
  return markAreaOf(marks.data?.annotations, days);
}
export type MarkFields = Pick<MarkedDays, 'from' | 'to' | 'title' | 'kind' | 'note'>;
/** Marks, changes (with an id) or removes (`remove`) marked days; the diagnosis reads with them, so it is asked again. */
export function useWriteAnnotation(shop: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (w: { id?: number; fields?: MarkFields; remove?: boolean }) =>
      api<MarkedDays | undefined>(`${shopPath(shop)}/annotations${w.id ? `/${w.id}` : ''}`, {
        method: w.remove ? 'DELETE' : w.id ? 'PATCH' : 'POST',
        body: w.remove ? undefined : w.fields,
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['annotations', shop] });
      void qc.invalidateQueries({ queryKey: ['diagnosis', shop] });
    },
  });
}

/** A month's targets and their progress (month: YYYY-MM). */
export const useTargets = (shop: string, month: string) =>
  useQuery({
    queryKey: ['targets', shop, month],
    queryFn: () => api<TargetProgress>(`${shopPath(shop)}/targets`, { query: { month } }),
    enabled: Boolean(shop) && /^\d{4}-\d{2}$/.test(month),
  });
/** Sets (a number) or clears (null) a month's targets; the answer is the month's progress. */
export function useSetTargets(shop: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (w: { month: string; values: { gmv: number | null; paid_orders: number | null } }) =>
      api<TargetProgress>(`${shopPath(shop)}/targets/${w.month}`, { method: 'PUT', body: w.values }),
    onSuccess: (progress, w) => qc.setQueryData(['targets', shop, w.month], progress),
  });
}

export const useImportJobs = (shop: string) =>
  useQuery({
    queryKey: ['imports', shop],
    queryFn: () => api<{ jobs: ImportJob[] }>(`${shopPath(shop)}/imports`),
    // Poll while something is running, so progress shows without a reload; otherwise now and then,
    // so the jobs of drop folders and the live feed appear on an open page.
    refetchInterval: (q) => (q.state.data?.jobs.some((j) => j.status === 'running' || j.status === 'queued') ? 1000 : 15_000),
  });
export const useRejects = (shop: string, job: string | null) =>
  useQuery({
    queryKey: ['rejects', shop, job],
    queryFn: () => api<{ rejects: Array<{ line: number; reason: string; raw: string }> }>(`${shopPath(shop)}/imports/${job}/rejects`),
    enabled: Boolean(job),
  });

export const useMembers = (shop: string) =>
  useQuery({
    queryKey: ['members', shop],
    queryFn: () => api<{ members: Array<{ email: string; name: string; role: string }> }>(`${shopPath(shop)}/members`),
  });
export const useImportSources = (shop: string) =>
  useQuery({
    queryKey: ['import-sources', shop],
    queryFn: () => api<{ dropFolder: string; sources: ImportSourceView[] }>(`${shopPath(shop)}/import-sources`),
    refetchInterval: 15_000, // each source's last look and error change as the server polls
  });
export const useKeys = (shop: string) =>
  useQuery({ queryKey: ['keys', shop], queryFn: () => api<{ keys: ApiKeyView[] }>(`${shopPath(shop)}/keys`) });
export function useShopWrite<T>(shop: string, invalidate: string[]) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: { method: string; path: string; body?: unknown }) =>
      api<T>(`${shopPath(shop)}${req.path}`, { method: req.method, body: req.body }),
    onSuccess: () => Promise.all(invalidate.map((k) => qc.invalidateQueries({ queryKey: [k] }))),
  });
}

export const useDatasetCatalogue = (shop: string) =>
  useQuery({
    queryKey: ['catalogue', shop],
    queryFn: () =>
      api<{ measures: Definitions; dimensions: Record<string, string>; sides: CatalogueSides }>(`${shopPath(shop)}/datasets/catalogue`),
  });
export const useDataset = (shop: string, body: Record<string, unknown>) =>
  useQuery({
    queryKey: ['dataset', shop, body],
    queryFn: () =>
      api<{ rows: Array<Record<string, string | number | null>>; total: number; definitions: Definitions }>(`${shopPath(shop)}/datasets`, {
        method: 'POST',
        body,
      }),
    placeholderData: keepPreviousData,
  });
export const useSchedules = <T>(shop: string) =>
  useQuery({
    queryKey: ['schedules', shop],
    queryFn: () => api<{ schedules: T[] }>(`${shopPath(shop)}/schedules`),
    refetchInterval: 30_000,
  });

/** Uploads a file with progress (fetch cannot report upload progress; XMLHttpRequest can). */
export function uploadWithProgress(
  shop: string,
  file: File,
  query: Query,
  onProgress: (fraction: number) => void,
  csrf: string,
): Promise<{ jobs: string[] }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${shopPath(shop)}/imports${queryString(query)}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      const body = xhr.responseText ? JSON.parse(xhr.responseText) : {};
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as { jobs: string[] });
      else reject(new Error(body?.error?.message ?? `${xhr.status} ${xhr.statusText}`));
    };
    xhr.onerror = () => reject(new Error('The upload failed: network error.'));
    xhr.send(file);
  });
}
