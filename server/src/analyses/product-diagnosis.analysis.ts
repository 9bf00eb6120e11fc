/**
 * Product diagnosis (商品诊断): every product viewed or sold in the period or the comparison period,
 * judged by the rules in product-diagnosis-rules.ts — sales falling, visitors without sales, low
 * conversion, carted but not paid, traffic falling, high refunds, rising — and the ones with a
 * finding listed, most pressing first. The figures come from the products ranking (both periods,
 * every product) and the refunds of the period's sales, so each agrees with the Products page.
 */
import type { ShopScope } from '@storelens/sql';
import { AnnotationsRepo, type MarkedDays } from '../metadata/annotations.repo.js';
import type { MetadataDb, Shop } from '../metadata/index.js';
import { type ComparedMarks, comparedMarks } from './diagnostics/marked-days.js';
import { type AnalysisFilters, activeFilters } from './filters.js';
import { daysOf } from './local-time.js';
import { definitionsOf, type MetricDefinition, type MetricName } from './metrics-catalogue.js';
import { PRODUCT_DIAGNOSIS_METRICS } from './metrics-product-diagnosis.js';
import {
  baselineOf,
  byUrgency,
  DIAGNOSIS_RULES,
  type DiagnosedProduct,
  type DiagnosisBaseline,
  type DiagnosisRules,
  diagnose,
  FINDING_KINDS,
  type FindingKind,
  type ProductFigures,
} from './product-diagnosis-rules.js';
import { type ProductRow, products } from './products.analysis.js';
import { refunds } from './refunds.analysis.js';
import { cents } from './rounding.js';

/** Every product of a shop in one read (the bench's largest catalogue has 400). */
const EVERY_PRODUCT = 1_000_000;

interface Period {
  from: string;
  to: string;
  days: number;
}

export interface ProductDiagnosisResult {
  shop: string;
  currency: string;
  filters: AnalysisFilters;
  from: string;
  to: string;
  days: number;
  /** The period each product is held against (by default the one of the same length before). */
  compared: Period;
  /** The thresholds applied (the minimums as asked). */
  rules: DiagnosisRules;
  baseline: DiagnosisBaseline;
  /** Products viewed or sold in either period: all of them were judged. */
  productsJudged: number;
  /** Per finding, in reading order: how many products and the sum of their sizes. */
  summary: Array<{ kind: FindingKind; products: number; size: number }>;
  /** The products with at least one finding, most pressing first. */
  products: DiagnosedProduct[];
  /** The first paying day whose refunds may still come (the refund finding is provisional from it); null when none. */
  provisionalFrom: string | null;
  /** Marked days (promotions, outages …) touching the period, and those touching only the period compared with. */
  marked_days: ComparedMarks;
  definitions: Record<string, MetricDefinition>;
}

const METRIC_NAMES = [
  ...(Object.keys(PRODUCT_DIAGNOSIS_METRICS) as MetricName[]),
  'product_visitors',
  'product_cart_visitors',
  'product_buyers',
  'product_gmv',
  'view_to_pay_conversion',
  'refund_sales_orders',
  'refunded_orders',
  'refunded_order_rate',
  'sales_refund_amount',
] as const satisfies readonly MetricName[];

/** One row per product and finding (a product with two findings is two rows), its figures beside it: the file's and the CLI's table. */
export function findingRows(r: Pick<ProductDiagnosisResult, 'products'>): Array<Record<string, unknown>> {
  return r.products.flatMap(({ findings, ...figures }) => findings.map((f) => ({ finding: f.kind, size: f.size, ...figures })));
}

/** The shop's marked days touching the period or the one compared with, for `marks` below (API and CLI alike). */
export function marksAround(
  metadata: MetadataDb,
  shopId: number,
  period: { from: string; to: string },
  compared: { from: string; to: string },
): Promise<MarkedDays[]> {
  // YYYY-MM-DD strings order as the days do.
  const [first] = [period.from, compared.from].sort();
  const last = [period.to, compared.to].sort().at(-1);
  return new AnnotationsRepo(metadata).list(shopId, { from: first, to: last });
}

/**
 * `marks`: the shop's marked days, read from the metadata by the caller (the warehouse scope reads
 * none); those that touch either period come back with the result.
 */
export async function productDiagnosis(
  scope: ShopScope,
  shop: Shop,
  range: { from: string; to: string },
  comparedRange: { from: string; to: string },
  options: { min_visitors?: number; min_cart_visitors?: number; now?: Date; marks?: MarkedDays[] } = {},
  filters: AnalysisFilters = {},
): Promise<ProductDiagnosisResult> {
  const rules: DiagnosisRules = {
    ...DIAGNOSIS_RULES,
    min_visitors: options.min_visitors ?? DIAGNOSIS_RULES.min_visitors,
    min_cart_visitors: options.min_cart_visitors ?? DIAGNOSIS_RULES.min_cart_visitors,
  };
  const all = { sort: 'visitors', limit: EVERY_PRODUCT };
  const [now, before, sales] = await Promise.all([
    products(scope, shop, range, all, filters),
    products(scope, shop, comparedRange, all, filters),
    refunds(scope, shop, range, { limit: EVERY_PRODUCT, now: options.now }, filters),
  ]);
  const period = { ...range, days: daysOf(range.from, range.to) };
  const compared = { ...comparedRange, days: daysOf(comparedRange.from, comparedRange.to) };

  const earlier = new Map(before.rows.map((r) => [r.product_id, r]));
  const current = new Map(now.rows.map((r) => [r.product_id, r]));
  const refunded = new Map(sales.byProduct.map((r) => [r.product_id, r]));
  const ids = [...new Set([...current.keys(), ...earlier.keys()])];
  const figures = ids.map((id): ProductFigures => {
    const p: Partial<ProductRow> = current.get(id) ?? {};
    const e: Partial<ProductRow> = earlier.get(id) ?? {};
    const r = refunded.get(id);
    return {
      product_id: id,
      name: p.name || e.name || r?.name || '',
      category: p.category || e.category || r?.category || '',
      visitors: p.visitors ?? 0,
      cart_visitors: p.cart_visitors ?? 0,
      buyers: p.buyers ?? 0,
      gmv: p.gmv ?? 0,
      compared_visitors: e.visitors ?? 0,
      compared_gmv: e.gmv ?? 0,
      sales_orders: r?.paid_orders ?? 0,
      refunded_orders: r?.refunded_orders ?? 0,
      refund_amount: r?.refund_amount ?? 0,
    };
  });
  const baseline = baselineOf(figures, {
    sales_orders: sales.totals.paid_orders,
    refunded_orders: sales.totals.refunded_orders,
  });
  const scale = period.days / compared.days;
  const flagged = figures
    .map((f) => diagnose(f, baseline, scale, rules))
    .filter((p) => p.findings.length > 0)
    .sort(byUrgency);
  const summary = FINDING_KINDS.map((kind) => {
    const found = flagged.flatMap((p) => p.findings.filter((f) => f.kind === kind));
    return { kind, products: found.length, size: cents(found.reduce((a, f) => a + f.size, 0)) };
  });
  return {
    shop: shop.slug,
    currency: shop.currency,
    filters: activeFilters(filters),
    from: period.from,
    to: period.to,
    days: period.days,
    compared,
    rules,
    baseline,
    productsJudged: figures.length,
    summary,
    products: flagged,
    provisionalFrom: sales.provisionalFrom,
    marked_days: comparedMarks(options.marks ?? [], period, compared),
    definitions: definitionsOf(METRIC_NAMES),
  };
}
