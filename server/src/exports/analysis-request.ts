/**
 * The API request that computes an analysis by name: which route, which method, and the
 * parameters as a query string (GET) or a JSON body (funnel, audience and dataset definitions). The CLI's
 * `export analysis` and the report scheduler both run results through the API's own routes with it.
 */
/** The analyses a request can be made for by name (their routes' names): what reports save and the CLI exports. */
export const REQUESTABLE_ANALYSES = [
  'overview',
  'traffic',
  'realtime',
  'funnel',
  'paths',
  'search-terms',
  'retention',
  'repurchase',
  'customers',
  'customer-list',
  'segment-movement',
  'products',
  'product',
  'product-buyers',
  'price-bands',
  'categories',
  'order-values',
  'refunds',
  'refund-customers',
  'diagnostics',
  'campaign-review',
  'product-diagnosis',
  // An audience: its conditions are its parameters (the body it is asked with), as a funnel's steps.
  'audience',
  // A dataset builder table: its measures and dimensions are its parameters (the body it is asked with).
  'dataset',
] as const;

const POST_PATHS: Record<string, string> = { funnel: 'analyses/funnel', audience: 'analyses/audience', dataset: 'datasets' };

/** Analyses whose route names a thing in its path: the parameter that goes there, not into the query. */
const PATH_PARAMS: Record<string, { param: string; path: (value: string) => string; what: string }> = {
  product: { param: 'product', path: (id) => `analyses/products/${encodeURIComponent(id)}`, what: 'a product id' },
  'product-buyers': { param: 'product', path: (id) => `analyses/products/${encodeURIComponent(id)}/buyers`, what: 'a product id' },
};

/** Why these parameters cannot make a request for the analysis (its path needs one they lack), or null. */
export function pathParamProblem(analysis: string, params: Record<string, unknown>): string | null {
  const p = PATH_PARAMS[analysis];
  if (!p) return null;
  const value = params[p.param];
  return typeof value === 'string' && value !== '' ? null : `${analysis} needs "${p.param}" (${p.what}) among its parameters.`;
}

export interface AnalysisRequest {
  method: 'GET' | 'POST';
  url: string;
  payload?: Record<string, unknown>;
}

export function analysisRequest(shopSlug: string, analysis: string, params: Record<string, unknown>): AnalysisRequest {
  const base = `/api/v1/shops/${shopSlug}`;
  const post = POST_PATHS[analysis];
  if (post) return { method: 'POST', url: `${base}/${post}`, payload: params };
  const problem = pathParamProblem(analysis, params);
  if (problem) throw new Error(problem);
  const inPath = PATH_PARAMS[analysis];
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (k === inPath?.param) continue;
    if (v === undefined || v === null) continue;
    for (const x of Array.isArray(v) ? v : [v]) q.append(k, String(x));
  }
  const path = inPath ? inPath.path(String(params[inPath.param])) : analysis === 'diagnostics' ? 'diagnostics' : `analyses/${analysis}`;
  return { method: 'GET', url: `${base}/${path}?${q}` };
}

/** A query string as parameters, repeated keys as lists (channel=a&channel=b → ['a', 'b']). */
export function paramsOfQuery(query: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(query)) {
    const seen = out[k];
    out[k] = seen === undefined ? v : Array.isArray(seen) ? [...seen, v] : [seen, v];
  }
  return out;
}
