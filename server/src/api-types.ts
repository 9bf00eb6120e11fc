/**
 * The shapes of the API's answers, for clients written in TypeScript: the dashboard imports these
 * as types only (nothing of the server is bundled), so its view of a result cannot drift from
 * what the server sends — a hand-written copy had already drifted (overview changes).
 */

export type { AudienceCustomer, AudienceResult } from './analyses/audience/audience.analysis.js';
export type { AudienceCondition } from './analyses/audience/audience-spec.js';
export type { CampaignFigure, CampaignReviewResult } from './analyses/campaign-review.analysis.js';
export type { CategoriesResult } from './analyses/categories.analysis.js';
export type { CustomerListResult } from './analyses/customer-list.analysis.js';
export type { CustomerProfileResult } from './analyses/customer-profile.analysis.js';
export type { CustomersResult } from './analyses/customers.analysis.js';
export type { DiagnosisResult, FigureRow, Finding, HealthItem } from './analyses/diagnostics/diagnostics.analysis.js';
export type { DiagnosisMarks, MarkedDiagnosis } from './analyses/diagnostics/marked-days.js';
export type { FunnelResult, FunnelStepResult } from './analyses/funnel/funnel.analysis.js';
export type { MetricDefinition, MetricName } from './analyses/metrics-catalogue.js';
export type { OrderValuesResult } from './analyses/order-values.analysis.js';
export type { Change, OverviewResult } from './analyses/overview.analysis.js';
export type { PathsResult } from './analyses/paths.analysis.js';
export type { PriceBandsResult } from './analyses/price-bands.analysis.js';
export type { ProductBuyersResult } from './analyses/product-buyers.analysis.js';
export type { ProductDetailResult } from './analyses/product-detail.analysis.js';
export type { ProductDiagnosisResult } from './analyses/product-diagnosis.analysis.js';
export type { DiagnosedProduct, FindingKind } from './analyses/product-diagnosis-rules.js';
export type { ProductsResult } from './analyses/products.analysis.js';
export type { RealtimeChannel, RealtimeLiveRoom, RealtimeProduct, RealtimeResult } from './analyses/realtime.analysis.js';
export type { RefundCustomersResult } from './analyses/refund-customers.analysis.js';
export type { RefundsResult } from './analyses/refunds.analysis.js';
export type { RepurchaseResult } from './analyses/repurchase.analysis.js';
export type { RetentionCohort, RetentionResult } from './analyses/retention.analysis.js';
export type { SearchTermsResult } from './analyses/search-terms.analysis.js';
export type { SegmentFlow, SegmentMove, SegmentMovementResult } from './analyses/segment-movement.analysis.js';
export type { ShopsComparedResult, ShopsComparedRow } from './analyses/shops-compared.analysis.js';
export type { TargetProgress, TargetRow } from './analyses/target-progress.js';
export type { TrafficResult, TrafficRow } from './analyses/traffic.analysis.js';
export type { Permission } from './auth/permissions.js';
export type { MarkedDays } from './metadata/annotations.repo.js';
