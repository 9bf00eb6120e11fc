/**
 * Renders a saved report for a period through the API's own route, in-process, under a
 * short-lived read key (removed afterwards): the file is exactly what a download would give, and
 * an alert schedule's look at the diagnosis is exactly what the dashboard shows.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { addDays } from '../analyses/local-time.js';
import { FINDING_STATUS, type FindingKind } from '../analyses/product-diagnosis-rules.js';
import { analysisRequest } from '../exports/analysis-request.js';
import { ApiKeysRepo } from '../metadata/index.js';
import type { SavedReport, Shop } from '../metadata/schema.js';
import type { Stores } from '../store/open-stores.js';
import type { DiagnoseReport, RenderReport } from './scheduler.js';

/** The saved report asked of the API for a period (as a file with `format`, else as JSON). */
async function askApi(
  app: FastifyInstance,
  stores: Stores,
  shop: Shop,
  report: SavedReport,
  period: { from: string; to: string },
  format?: string,
): Promise<LightMyRequestResponse> {
  const keys = new ApiKeysRepo(stores.metadata);
  const { key, info } = await keys.create({ shopId: shop.id, name: `scheduled report ${report.id}`, scopes: ['read'] });
  try {
    const params = (typeof report.params === 'string' ? JSON.parse(report.params) : report.params) as Record<string, unknown>;
    // The saved parameters, with the slot's period in place of any dates they carried (a campaign
    // review's chosen usual days too: its usual is then the 28 days before the slot's period).
    const { from: _f, to: _t, date: _d, format: _x, usual_from: _uf, usual_to: _ut, ...kept } = params;
    const when = report.analysis === 'diagnostics' ? { date: period.to } : periodOf(report.analysis, kept, period);
    const res = await app.inject({
      ...analysisRequest(shop.slug, report.analysis, { ...kept, ...when, ...(format ? { format } : {}) }),
      headers: { authorization: `Bearer ${key}` },
    });
    if (res.statusCode !== 200) throw new Error(`report ${report.id} failed: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return res;
  } finally {
    await keys.revoke(shop.id, info.id);
  }
}

/**
 * The days a report is asked for: the slot's period — but an audience followed for N days is the
 * audience of the period N days earlier, so that its follow-up ends with the slot's period (each
 * Monday: the customers who carted and did not pay two weeks ago, and who of them has paid since).
 */
function periodOf(analysis: string, params: Record<string, unknown>, period: { from: string; to: string }): { from: string; to: string } {
  const follow = Number(params.follow_days);
  if (analysis !== 'audience' || !Number.isInteger(follow) || follow < 1) return period;
  return { from: addDays(period.from, -follow), to: addDays(period.to, -follow) };
}

export function renderThroughApi(app: FastifyInstance, stores: Stores): RenderReport {
  return async (shop, report, period, format) => {
    const res = await askApi(app, stores, shop, report, period, format);
    const safeName = report.name.replace(/[^\p{L}\p{N}_-]+/gu, '-').slice(0, 60);
    return {
      body: res.rawPayload,
      filename: `${shop.slug}-${safeName}-${period.from}_${period.to}.${format}`,
      contentType: String(res.headers['content-type'] ?? 'application/octet-stream'),
    };
  };
}

export function diagnoseThroughApi(app: FastifyInstance, stores: Stores): DiagnoseReport {
  return async (shop, report, period) => {
    const body = (await askApi(app, stores, shop, report, period)).json() as ProductDiagnosisAnswer & DiagnosisAnswer;
    if (report.analysis === 'product-diagnosis')
      return {
        // Each product's finding with its status: "Jasmine 12 sales_falling (abnormal)".
        statuses: (body.products ?? []).flatMap((p) =>
          p.findings.map((f) => ({ metric: `${p.name || p.product_id} ${f.kind}`, status: FINDING_STATUS[f.kind] })),
        ),
        noun: ['product finding', 'product findings'],
      };
    return { statuses: (body.figures ?? []).map((f) => ({ metric: f.metric, status: f.baseline.status })), noun: ['figure', 'figures'] };
  };
}

type DiagnosisAnswer = { figures?: Array<{ metric: string; baseline: { status: string } }> };
type ProductDiagnosisAnswer = { products?: Array<{ product_id: string; name: string; findings: Array<{ kind: FindingKind }> }> };
