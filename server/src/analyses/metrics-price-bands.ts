/**
 * The written definitions of the price-band figures (price-bands.analysis.ts). Part of the one
 * metric catalogue (metrics-catalogue.ts), which serves them with results and renders docs/metrics.md.
 */
// A type-only import: erased at run time, so the two modules do not load each other.
import type { MetricDefinition } from './metrics-catalogue.js';

export const PRICE_BAND_METRICS = {
  price_band: {
    label: 'Price band',
    labelZh: '价格带',
    unit: 'text',
    definition:
      'the band of a product’s catalogue price in the shop currency, from its lower edge up to but not including its upper one (CNY: under 50, 50-100, 100-200, 200-500, 500-1000, 1000 and over; other currencies: the same edges converted at a rough rate and rounded to two figures), set when the catalogue is imported; a product not in the catalogue has none',
  },
  band_products: {
    label: 'Products',
    labelZh: '商品数',
    unit: 'count',
    definition: 'catalogue products in the band (whether or not anything happened to them in the period)',
  },
  band_active_products: {
    label: 'Products viewed or sold',
    labelZh: '动销/被访商品数',
    unit: 'count',
    definition: 'products of the band with a product_view or a paid order line in the period',
  },
  band_visitors: {
    label: 'Product visitors',
    labelZh: '商品访客数',
    unit: 'count',
    definition:
      'distinct visitors who viewed any product of the band (product_view) in the period, each once per band; a visitor counts in every band they viewed, so bands do not add up to the shop’s visitors',
  },
  band_buyers: {
    label: 'Paying buyers',
    labelZh: '支付买家数',
    unit: 'count',
    definition:
      'distinct buyers of orders paid in the period with a line of a product of the band (a guest order is its own buyer); a buyer counts in every band they bought from',
  },
  band_paid_orders: {
    label: 'Paid orders',
    labelZh: '支付订单数',
    unit: 'count',
    definition: 'orders paid in the period with a line of a product of the band; an order with lines in two bands counts in both',
  },
  band_units: {
    label: 'Units paid',
    labelZh: '支付件数',
    unit: 'count',
    definition: 'quantity of the band’s products on the lines of orders paid in the period',
  },
  band_gmv: {
    label: 'Payment amount',
    labelZh: '支付金额',
    unit: 'money',
    definition: 'amount of the band’s products’ lines of orders paid in the period (line amounts, before refunds)',
  },
  band_gmv_share: {
    label: 'Share of payment amount',
    labelZh: '支付金额占比',
    unit: 'ratio',
    definition: 'the band’s payment amount / the payment amount of all bands’ lines (including products outside the catalogue)',
  },
  band_conversion: {
    label: 'View-to-pay conversion',
    labelZh: '支付转化率',
    unit: 'ratio',
    definition: 'the band’s paying buyers / its product visitors (empty when nobody viewed a product of the band)',
  },
} as const satisfies Record<string, MetricDefinition>;
