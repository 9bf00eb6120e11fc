/**
 * The shapes the dashboard reads from the API. Analysis results are the server's own types
 * (imported as types only: nothing of the server is bundled), so they cannot drift from what the
 * server sends; the rest are the parts of other answers the dashboard uses.
 */
export type {
  CustomersResult,
  DiagnosisResult,
  MetricDefinition,
  MetricName,
  OverviewResult,
  ProductDetailResult,
  ProductsResult,
  RealtimeChannel,
  RealtimeProduct,
  RealtimeResult,
  RepurchaseResult,
  RetentionCohort,
  RetentionResult,
  TrafficRow,
} from '@storelens/server/api-types';

// Used here to build the dashboard's own names below.
import type {
  FunnelResult as FunnelAnalysis,
  FunnelStepResult,
  MetricDefinition,
  ProductsResult,
  TrafficResult as TrafficAnalysis,
} from '@storelens/server/api-types';

export type Definitions = Record<string, MetricDefinition>;
export type Figures = Record<string, number | null>;
export type FunnelStep = FunnelStepResult;

/** A ranged analysis asked with compare=previous (or compare_from/compare_to) carries the other period's result. */
export type Compared<T> = T & { comparison?: { from: string; to: string; result: T } };
export type TrafficResult = Compared<TrafficAnalysis>;
export type FunnelResult = Compared<FunnelAnalysis>;
export type ProductRow = ProductsResult['rows'][number];

export interface SessionShop {
  slug: string;
  name: string;
  currency: string;
  timeZone: string;
  role: string;
}
export interface Session {
  user: { id: number; email: string; displayName: string };
  csrfToken: string;
  shops: SessionShop[];
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

/** The customers of an RFM segment, one page (largest spenders first). */
export interface CustomerListResult {
  at: string;
  segment: string | null;
  meaning: string | null;
  total: number;
  offset: number;
  customers: Array<{
    customer_id: string;
    segment: string;
    r: number;
    f: number;
    m: number;
    recency_days: number;
    orders: number;
    spend: number;
    first_paid_day: string;
    last_paid_day: string;
  }>;
  definitions: Definitions;
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

/** In-store paths (GET …/analyses/paths): where sessions enter, move and leave. */
export interface PathsResult {
  from: string;
  to: string;
  depth: number;
  top: number;
  start: string | null;
  named_steps: string[];
  sessions: number;
  entries: Array<{
    step: string;
    sessions: number;
    session_share: number | null;
    bounce_sessions: number;
    bounce_rate: number | null;
    paid_sessions: number;
    session_conversion: number | null;
  }>;
  exits: Array<{ step: string; sessions_through: number; exits: number; exit_rate: number | null }>;
  nodes: Array<{ position: number; step: string; sessions: number; exits: number }>;
  flows: Array<{ position: number; from_step: string; to_step: string; sessions: number }>;
  definitions: Definitions;
}

/** In-shop search terms (GET …/analyses/search-terms). */
export interface SearchTermFigures {
  searches: number;
  searchers: number;
  viewed_after: number;
  carted_after: number;
  paid_after: number;
  search_view_rate: number | null;
  search_conversion: number | null;
}
export interface SearchTermsResult {
  from: string;
  to: string;
  totals: SearchTermFigures & { terms: number };
  rows: Array<SearchTermFigures & { term: string; search_share: number | null }>;
  definitions: Definitions;
}
