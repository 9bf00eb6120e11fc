/**
 * Price bands (价格带): which price levels of the catalogue draw visitors and sell — per band of
 * catalogue price, its products, the products viewed or sold, product visitors, buyers, orders,
 * units, payment amount and its share, and view-to-pay conversion (sql/queries/price-bands.sql).
 * Bands are listed cheapest first, every band of the shop's currency even when empty, so the
 * ladder reads the same from period to period; products outside the catalogue come last.
 */
import { priceBandParams } from '@storelens/etl';
import type { ShopScope } from '@storelens/sql';
import type { Shop } from '../metadata/index.js';
import { catalogueGroupRows, type ViewedFrom } from './catalogue-groups.js';
import { type AnalysisFilters, activeFilters } from './filters.js';
import { definitionsOf, type MetricDefinition } from './metrics-catalogue.js';
import { cents, ratio } from './rounding.js';

export interface PriceBandRow {
  /** The band's label in the shop currency (e.g. "100-200"); '' for products not in the catalogue. */
  band: string;
  products: number;
  active_products: number;
  visitors: number;
  buyers: number;
  paid_orders: number;
  units: number;
  gmv: number;
  gmv_share: number | null;
  view_to_pay_conversion: number | null;
}

export interface PriceBandsResult {
  shop: string;
  from: string;
  to: string;
  filters: AnalysisFilters;
  currency: string;
  rows: PriceBandRow[];
  definitions: Record<string, MetricDefinition>;
}

type Counts = Record<'products' | 'active_products' | 'visitors' | 'buyers' | 'paid_orders' | 'units' | 'gmv', unknown> & { band: string };

export async function priceBands(
  scope: ShopScope,
  shop: Shop,
  range: { from: string; to: string },
  filters: AnalysisFilters = {},
  viewedFrom: ViewedFrom = 'auto',
): Promise<PriceBandsResult> {
  const found = await catalogueGroupRows<Counts>('price-bands', scope, shop, range, filters, viewedFrom);
  const byBand = new Map(found.map((r) => [r.band, r]));
  // The currency's ladder, then any band the catalogue holds under other labels (products
  // imported while the shop had another currency), then products outside the catalogue.
  const ladder = priceBandParams(shop.currency).price_band_labels;
  const others = found.map((r) => r.band).filter((b) => b !== '' && !ladder.includes(b));
  const order = [...ladder, ...others.sort(), ...(byBand.has('') ? [''] : [])];
  const totalGmv = found.reduce((a, r) => a + Number(r.gmv), 0);
  const rows = order.map((band): PriceBandRow => {
    const r = byBand.get(band);
    const n = (k: keyof Counts) => Number(r?.[k] ?? 0);
    return {
      band,
      products: n('products'),
      active_products: n('active_products'),
      visitors: n('visitors'),
      buyers: n('buyers'),
      paid_orders: n('paid_orders'),
      units: n('units'),
      gmv: cents(n('gmv')),
      gmv_share: ratio(n('gmv'), totalGmv),
      view_to_pay_conversion: ratio(n('buyers'), n('visitors')),
    };
  });
  return {
    shop: shop.slug,
    from: range.from,
    to: range.to,
    filters: activeFilters(filters),
    currency: shop.currency,
    rows,
    definitions: definitionsOf([
      'price_band',
      'band_products',
      'band_active_products',
      'band_visitors',
      'band_buyers',
      'band_paid_orders',
      'band_units',
      'band_gmv',
      'band_gmv_share',
      'band_conversion',
    ]),
  };
}
