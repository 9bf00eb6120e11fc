/** The shapes the dashboard reads from the API (the parts it uses). */
export interface MetricDefinition {
  label: string;
  labelZh: string;
  definition: string;
  unit: 'count' | 'money' | 'ratio' | 'seconds';
}
export type Definitions = Record<string, MetricDefinition>;

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

export type Figures = Record<string, number | null>;
export interface OverviewResult {
  totals: Figures;
  daily: Array<{ day: string } & Figures>;
  comparison?: { from: string; to: string; totals: Figures; changes: Record<string, number | null> };
  definitions: Definitions;
}

export interface Lang {
  en: string;
  zh: string;
}
export interface DiagnosisResult {
  period: 'day' | 'week';
  from: string;
  to: string;
  compared: { label: string; from: string; to: string };
  enoughData: boolean;
  summary: Lang;
  figures: Array<{
    metric: string;
    label: Lang;
    unit: 'count' | 'money' | 'ratio';
    value: number | null;
    previous: number | null;
    same_weekday_last_week: number | null;
    baseline: { expected: number | null; z: number | null; status: string };
    provisional: boolean;
  }>;
  decomposition: {
    gmv_before: number;
    gmv_after: number;
    change: number;
    traffic: number;
    conversion: number;
    aov: number;
    unexplained: number;
  };
  findings: Array<{
    rank: number;
    kind: string;
    severity: 'red' | 'amber' | 'info';
    metric: string;
    text: Lang;
    link: { page: string; api: string };
  }>;
  health: Array<{ area: string; status: 'green' | 'amber' | 'red'; reason: Lang }>;
  provisional: { figures: string[]; reason: Lang[] };
  definitions: Definitions;
}

export interface RealtimeResult {
  hour: number;
  now: string;
  days: Array<{
    day: string;
    label: 'today' | 'yesterday' | 'last_week';
    hourly: Array<({ hour: number } & Figures) | null>;
    soFar: Figures;
  }>;
  definitions: Definitions;
}

export interface TrafficRow {
  value: string;
  [metric: string]: number | string | null;
}
export interface TrafficResult {
  dimension: string;
  rows: TrafficRow[];
  definitions: Definitions;
  comparison?: { from: string; to: string; result: { rows: TrafficRow[] } };
}

export interface FunnelStep {
  step: number;
  label: string;
  people: number;
  dropped: number;
  conversion_from_start: number | null;
  conversion_from_previous: number | null;
  avg_seconds_from_previous: number | null;
  median_seconds_from_previous: number | null;
}
export interface FunnelResult {
  comparison?: { from: string; to: string; result: { steps: FunnelStep[] } };
  steps: FunnelStep[];
  histogram: Array<{ from_seconds: number; to_seconds: number | null; people: number }>;
  trend: Array<{ day: string; entered: number; converted: number; conversion: number | null }>;
  breakdown: Array<{ value: string; steps: FunnelStep[] }> | null;
  definitions: Definitions;
}

export interface RetentionCohort {
  cohort: string;
  segment: string;
  size: number;
  people: Array<number | null>;
  rates: Array<number | null>;
  revenue_per_member: Array<number | null>;
}
export interface RetentionResult {
  options: { period: string; periods: number };
  cohorts: RetentionCohort[];
  definitions: Definitions;
}

export interface RepurchaseResult {
  cohorts: Array<{
    cohort: string;
    customers: number;
    windows: Record<string, { eligible: number; repurchased: number; rate: number | null }>;
  }>;
  intervals: { histogram: Array<{ bucket: string; gaps: number }>; gaps: number; median_days: number | null };
  secondOrder: Record<
    'channel' | 'category' | 'product',
    Array<{ value: string; first_buyers: number; second_buyers: number; second_order_rate: number | null }>
  >;
  definitions: Definitions;
}

export interface CustomersResult {
  customers: number;
  segments: Array<{ segment: string; meaning: string; customers: number; share: number | null; spend: number; avg_spend: number | null }>;
  lifecycle: Array<{ period: string; new: number; returning: number; resurrecting: number; dormant: number }>;
  definitions: Definitions;
}

export interface ProductRow {
  product_id: string;
  name: string;
  category: string;
  [metric: string]: number | string | null;
}
export interface ProductsResult {
  productsTotal: number;
  rows: ProductRow[];
  definitions: Definitions;
}
export interface ProductDetailResult {
  trend: Array<{ day: string } & Figures>;
  boughtTogether: Array<{ product_id: string; name: string; orders_together: number; attach_rate: number | null; lift: number | null }>;
  definitions: Definitions;
}

export interface ImportJob {
  id: string;
  kind: string;
  source: string;
  preset: string | null;
  status: string;
  rows_read: number;
  rows_loaded: number;
  rows_updated: number;
  rows_duplicate: number;
  rows_rejected: number;
  error: string | null;
  created_at: string;
  finished_at: string | null;
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
