/**
 * The API request that computes an analysis by name: which route, which method, and the
 * parameters as a query string (GET) or a JSON body (funnel and dataset definitions). The CLI's
 * `export analysis` and the report scheduler both run results through the API's own routes with it.
 */
const POST_PATHS: Record<string, string> = { funnel: 'analyses/funnel', dataset: 'datasets' };

export interface AnalysisRequest {
  method: 'GET' | 'POST';
  url: string;
  payload?: Record<string, unknown>;
}

export function analysisRequest(shopSlug: string, analysis: string, params: Record<string, unknown>): AnalysisRequest {
  const base = `/api/v1/shops/${shopSlug}`;
  const post = POST_PATHS[analysis];
  if (post) return { method: 'POST', url: `${base}/${post}`, payload: params };
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null) continue;
    for (const x of Array.isArray(v) ? v : [v]) q.append(k, String(x));
  }
  const path = analysis === 'diagnostics' ? 'diagnostics' : `analyses/${analysis}`;
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
