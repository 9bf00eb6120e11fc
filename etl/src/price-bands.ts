/** Price bands for product ranking, in the shop currency: CNY edges scaled by a rough rate. */
const CNY_EDGES = [50, 100, 200, 500, 1000];
const PER_CNY: Record<string, number> = { CNY: 1, USD: 1 / 7, EUR: 1 / 7.8, GBP: 1 / 9, JPY: 21, HKD: 1.1, TWD: 4.5, KRW: 190 };

export function priceBandParams(currency: string): { price_band_edges: number[]; price_band_labels: string[] } {
  const f = PER_CNY[currency] ?? 1 / 7;
  const edges = CNY_EDGES.map((e) => Number((e * f).toPrecision(2)));
  const labels = [`<${edges[0]}`, ...edges.slice(1).map((e, i) => `${edges[i]}-${e}`), `${edges[edges.length - 1]}+`];
  return { price_band_edges: edges, price_band_labels: labels };
}
