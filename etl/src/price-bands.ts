/**
 * Bands of money in the shop currency — products' catalogue prices and orders' amounts — from CNY
 * edges scaled by a rough rate and rounded to two figures, so a shop's ladder reads the same from
 * period to period.
 */
const PRICE_CNY_EDGES = [50, 100, 200, 500, 1000];
/** Orders are bigger than one product: finer steps where most orders fall (客单价分布). */
const ORDER_VALUE_CNY_EDGES = [50, 100, 150, 200, 300, 500, 1000];
const PER_CNY: Record<string, number> = { CNY: 1, USD: 1 / 7, EUR: 1 / 7.8, GBP: 1 / 9, JPY: 21, HKD: 1.1, TWD: 4.5, KRW: 190 };

function inCurrency(cnyEdges: readonly number[], currency: string): number[] {
  const f = PER_CNY[currency] ?? 1 / 7;
  return cnyEdges.map((e) => Number((e * f).toPrecision(2)));
}

/** "<50", "50-100", …, "1000+": a band holds its lower edge. */
export function bandLabels(edges: readonly number[]): string[] {
  return [`<${edges[0]}`, ...edges.slice(1).map((e, i) => `${edges[i]}-${e}`), `${edges[edges.length - 1]}+`];
}

export function priceBandParams(currency: string): { price_band_edges: number[]; price_band_labels: string[] } {
  const edges = inCurrency(PRICE_CNY_EDGES, currency);
  return { price_band_edges: edges, price_band_labels: bandLabels(edges) };
}

/** The default edges of the order-value bands in the shop currency. */
export function orderValueEdges(currency: string): number[] {
  return inCurrency(ORDER_VALUE_CNY_EDGES, currency);
}

/**
 * The default order-value ladder as queries bind it: its edges in whole cents (amounts are compared
 * in cents, so an edge of 199.99 splits exactly) and its bands' labels, cheapest first.
 */
export function orderValueLadder(currency: string): { edgeCents: number[]; labels: string[] } {
  const edges = orderValueEdges(currency);
  return { edgeCents: edges.map((e) => Math.round(e * 100)), labels: bandLabels(edges) };
}
