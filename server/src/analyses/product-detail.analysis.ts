/**
 * One product: its day-by-day trend and the products bought together with it.
 */
import type { ShopScope } from '@storelens/sql';
import { NotFoundError } from '../errors.js';
import type { Shop } from '../metadata/index.js';
import { type AnalysisFilters, activeFilters, filteredQuery } from './filters.js';
import { definitionsOf, type MetricDefinition } from './metrics-catalogue.js';
import { productLabels } from './product-labels.js';
import { cents, ratio } from './rounding.js';

export interface ProductTrendDay {
  day: string;
  views: number;
  visitors: number;
  cart_adds: number;
  cart_visitors: number;
  buyers: number;
  paid_orders: number;
  units: number;
  gmv: number;
}

export interface BoughtTogetherRow {
  product_id: string;
  name: string;
  category: string;
  orders_together: number;
  attach_rate: number | null;
  lift: number | null;
}

export interface ProductDetailResult {
  shop: string;
  filters: AnalysisFilters;
  product_id: string;
  /** What the merchant calls it (catalogue, else its latest order line; '' when nothing names it). */
  name: string;
  category: string;
  from: string;
  to: string;
  trend: ProductTrendDay[];
  /** Paid orders in the range that contain the product (the base of attach rates). */
  anchorOrders: number;
  boughtTogether: BoughtTogetherRow[];
  definitions: Record<string, MetricDefinition>;
}

/** A product is known when the catalogue, an order line or an event names it. */
export async function assertKnownProduct(scope: ShopScope, shop: Shop, productId: string): Promise<void> {
  const [row] = await scope.rows<{ known: number }>(
    `SELECT (SELECT count() FROM products WHERE shop_id = {shop_id:UInt32} AND product_id = {product_id:String})
          + (SELECT count() FROM (SELECT 1 FROM order_items WHERE shop_id = {shop_id:UInt32} AND product_id = {product_id:String} LIMIT 1))
          + (SELECT count() FROM (SELECT 1 FROM events WHERE shop_id = {shop_id:UInt32} AND product_id = {product_id:String} LIMIT 1)) AS known`,
    { product_id: productId },
    { purpose: 'analysis.product.exists' },
  );
  if (Number(row?.known ?? 0) === 0)
    throw new NotFoundError(`No product "${productId}" in shop ${shop.slug}: no catalogue entry, order line or event names it.`);
}

export async function productDetail(
  scope: ShopScope,
  shop: Shop,
  productId: string,
  range: { from: string; to: string },
  limit = 20,
  filters: AnalysisFilters = {},
): Promise<ProductDetailResult> {
  await assertKnownProduct(scope, shop, productId);
  const params = { product_id: productId, from: range.from, to: range.to, tz: shop.time_zone, limit };
  const trendQuery = filteredQuery('product-trend', filters, shop, range.from);
  const togetherQuery = filteredQuery('bought-together', filters, shop, range.from);
  const trend = await scope.rows<ProductTrendDay>(
    trendQuery.sql,
    { ...trendQuery.params, ...params },
    { purpose: 'analysis.product.trend' },
  );
  const together = await scope.rows<{
    product_id: string;
    orders_together: number;
    anchor_orders: number;
    all_orders: number;
    product_orders: number;
  }>(togetherQuery.sql, { ...togetherQuery.params, ...params }, { purpose: 'analysis.product.together' });
  // The product's own name too, for a product reached from another's (not from a ranking that named it).
  const labels = await productLabels(scope, [productId, ...together.map((t) => t.product_id)]);
  const anchorOrders = together.length > 0 ? Number(together[0]?.anchor_orders) : trend.reduce((a, d) => a + Number(d.paid_orders), 0);
  return {
    shop: shop.slug,
    filters: activeFilters(filters),
    product_id: productId,
    name: labels.get(productId)?.name ?? '',
    category: labels.get(productId)?.category ?? '',
    from: range.from,
    to: range.to,
    trend: trend.map((d) => ({
      day: d.day,
      views: Number(d.views),
      visitors: Number(d.visitors),
      cart_adds: Number(d.cart_adds),
      cart_visitors: Number(d.cart_visitors),
      buyers: Number(d.buyers),
      paid_orders: Number(d.paid_orders),
      units: Number(d.units),
      gmv: cents(Number(d.gmv)),
    })),
    anchorOrders,
    boughtTogether: together.map((t) => {
      const [together, anchor, other, all] = [t.orders_together, t.anchor_orders, t.product_orders, t.all_orders].map(Number) as [
        number,
        number,
        number,
        number,
      ];
      // Lift: how much likelier the other product is in the product's orders than in any paid order.
      const lift = anchor > 0 && other > 0 && all > 0 ? Math.round((together / anchor) * (all / other) * 1e4) / 1e4 : null;
      return {
        product_id: t.product_id,
        name: labels.get(t.product_id)?.name ?? '',
        category: labels.get(t.product_id)?.category ?? '',
        orders_together: together,
        attach_rate: ratio(together, anchor),
        lift,
      };
    }),
    definitions: definitionsOf([
      'product_views',
      'product_visitors',
      'product_cart_adds',
      'product_cart_visitors',
      'product_buyers',
      'product_paid_orders',
      'product_units',
      'product_gmv',
      'orders_together',
      'attach_rate',
      'lift',
    ]),
  };
}
