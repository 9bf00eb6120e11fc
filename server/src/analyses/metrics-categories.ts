/**
 * The written definitions of the category figures (categories.analysis.ts, 类目分析). Part of the
 * one metric catalogue (metrics-catalogue.ts), which serves them with results and renders
 * docs/metrics.md.
 */
// A type-only import: erased at run time, so the two modules do not load each other.
import type { MetricDefinition } from './metrics-catalogue.js';

export const CATEGORY_METRICS = {
  product_category: {
    label: 'Category',
    labelZh: '类目',
    unit: 'text',
    definition:
      'a product’s category in the catalogue; for a product the catalogue does not hold, the category its event or order line carries; empty when it carries none',
  },
  cat_products: {
    label: 'Products listed',
    labelZh: '商品数',
    unit: 'count',
    definition: 'catalogue products in the category (whether or not anything happened to them in the period)',
  },
  cat_active_products: {
    label: 'Products viewed or sold',
    labelZh: '动销/被访商品数',
    unit: 'count',
    definition: 'products of the category with a product_view or a paid order line in the period',
  },
  cat_views: {
    label: 'Product views',
    labelZh: '商品浏览量',
    unit: 'count',
    definition: 'product_view events of the category’s products in the period; categories add up to the shop’s product views',
  },
  cat_visitors: {
    label: 'Product visitors',
    labelZh: '商品访客数',
    unit: 'count',
    definition:
      'distinct visitors who viewed any product of the category (product_view) in the period, each once per category; a visitor counts in every category they viewed, so categories do not add up to the shop’s visitors',
  },
  cat_cart_visitors: {
    label: 'Cart-adding visitors',
    labelZh: '加购人数',
    unit: 'count',
    definition: 'distinct visitors who added any product of the category to the cart (add_to_cart) in the period',
  },
  cat_cart_rate: {
    label: 'Add-to-cart rate',
    labelZh: '加购率',
    unit: 'ratio',
    definition: 'the category’s cart-adding visitors / its product visitors (empty when nobody viewed a product of it)',
  },
  cat_buyers: {
    label: 'Paying buyers',
    labelZh: '支付买家数',
    unit: 'count',
    definition:
      'distinct buyers of orders paid in the period with a line of a product of the category (a guest order is its own buyer); a buyer counts in every category they bought from',
  },
  cat_paid_orders: {
    label: 'Paid orders',
    labelZh: '支付订单数',
    unit: 'count',
    definition: 'orders paid in the period with a line of a product of the category; an order with lines in two categories counts in both',
  },
  cat_units: {
    label: 'Units paid',
    labelZh: '支付件数',
    unit: 'count',
    definition: 'quantity of the category’s products on the lines of orders paid in the period',
  },
  cat_gmv: {
    label: 'Payment amount',
    labelZh: '支付金额',
    unit: 'money',
    definition:
      'line amounts of the category’s products on orders paid in the period (before refunds; order-level discounts and shipping are not lines); categories add up to the paid lines’ total',
  },
  cat_gmv_share: {
    label: 'Share of payment amount',
    labelZh: '支付金额占比',
    unit: 'ratio',
    definition: 'the category’s payment amount / the payment amount of all categories’ lines',
  },
  cat_conversion: {
    label: 'View-to-pay conversion',
    labelZh: '支付转化率',
    unit: 'ratio',
    definition: 'the category’s paying buyers / its product visitors (empty when nobody viewed a product of it)',
  },
  cat_refunded_orders: {
    label: 'Refunded orders',
    labelZh: '退款订单数',
    unit: 'count',
    definition:
      'of the category’s paid orders (those paid in the period, as they stand now), those with a refund of any amount, whenever it came',
  },
  cat_refund_amount: {
    label: 'Refunds of the sales',
    labelZh: '退款金额',
    unit: 'money',
    definition:
      'the refunds of the orders paid in the period, as they stand now, each order’s refund shared among its lines in proportion to their amounts, summed over the category’s lines',
  },
  cat_refund_rate: {
    label: 'Refund rate',
    labelZh: '退款率',
    unit: 'ratio',
    definition: 'the category’s refunds of the sales / its payment amount',
  },
} as const satisfies Record<string, MetricDefinition>;
