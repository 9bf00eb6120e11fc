/**
 * The shapes the dashboard reads from the API. Analysis results are the server's own types
 * (imported as types only: nothing of the server is bundled), so they cannot drift from what the
 * server sends; the rest are the parts of other answers the dashboard uses.
 */
export type {
  AudienceCondition,
  AudienceCustomer,
  AudienceResult,
  CampaignFigure,
  CampaignReviewResult,
  CustomerListResult,
  CustomerProfileResult,
  CustomersResult,
  MarkedDays,
  MetricDefinition,
  MetricName,
  OverviewResult,
  Permission,
  ProductBuyersResult,
  ProductDetailResult,
  ProductDiagnosisResult,
  RealtimeChannel,
  RealtimeLiveRoom,
  RealtimeProduct,
  RealtimeResult,
  RefundCustomersResult,
  RepurchaseResult,
  RetentionCohort,
  RetentionResult,
  SegmentMovementResult,
  ShopsComparedResult,
  ShopsComparedRow,
  TargetProgress,
  TargetRow,
  TrafficRow,
} from '@storelens/server/api-types';

// Used here to build the dashboard's own names below.
import type {
  CategoriesResult as CategoriesAnalysis,
  FunnelResult as FunnelAnalysis,
  FunnelStepResult,
  MarkedDiagnosis,
  MetricDefinition,
  OrderValuesResult as OrderValuesAnalysis,
  PathsResult as PathsAnalysis,
  Permission,
  PriceBandsResult as PriceBandsAnalysis,
  ProductsResult as ProductsAnalysis,
  RefundsResult as RefundsAnalysis,
  SearchTermsResult as SearchTermsAnalysis,
  TrafficResult as TrafficAnalysis,
} from '@storelens/server/api-types';

export type Definitions = Record<string, MetricDefinition>;
export type Figures = Record<string, number | null>;
export type FunnelStep = FunnelStepResult;

/** A ranged analysis asked with compare=previous (or compare_from/compare_to) carries the other period's result. */
export type Compared<T> = T & { comparison?: { from: string; to: string; result: T } };
export type TrafficResult = Compared<TrafficAnalysis>;
export type FunnelResult = Compared<FunnelAnalysis>;
export type ProductsResult = Compared<ProductsAnalysis>;
export type ProductRow = ProductsAnalysis['rows'][number];
export type PathsResult = Compared<PathsAnalysis>;
export type SearchTermsResult = Compared<SearchTermsAnalysis>;
export type PriceBandsResult = Compared<PriceBandsAnalysis>;
export type CategoriesResult = Compared<CategoriesAnalysis>;
export type OrderValuesResult = Compared<OrderValuesAnalysis>;
export type RefundsResult = Compared<RefundsAnalysis>;

export interface SessionShop {
  slug: string;
  name: string;
  currency: string;
  timeZone: string;
  role: string;
  /** What the role may do in this shop (the server's permission table); see app/permissions.ts. */
  permissions: Permission[];
}
export interface Session {
  user: { id: number; email: string; displayName: string };
  csrfToken: string;
  shops: SessionShop[];
  /** What this server can do: e-mail delivery only where its operator set a mail server. */
  server: { email: boolean };
}

export interface ImportJob {
  id: string;
  kind: string;
  source: string;
  preset: string | null;
  /** The mapping file's JSON text the file was read with, if any. */
  mapping: string | null;
  status: string;
  rows_read: number;
  rows_loaded: number;
  rows_updated: number;
  rows_duplicate: number;
  rows_rejected: number;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

/** A drop folder (or an operator's URL) the server polls for the shop. */
export interface ImportSourceView {
  id: number;
  location: string;
  /** Its name under the shop's drop folder; null for a URL or a folder the operator set elsewhere. */
  folder: string | null;
  kind: string | null;
  preset: string | null;
  mapping: string | null;
  everySeconds: number;
  lastPolledAt: string | null;
  lastError: string | null;
}

export interface ApiKeyView {
  id: number;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface SavedReport {
  id: number;
  name: string;
  analysis: string;
  params: Record<string, unknown>;
}

/** The store diagnosis with the marked days it reads with (the diagnostics route's answer). */
export type DiagnosisResult = MarkedDiagnosis;
