/**
 * Renders a saved report for a period through the API's own route, in-process, under a
 * short-lived read key (removed afterwards): the file is exactly what a download would give.
 */
import type { FastifyInstance } from 'fastify';
import { ApiKeysRepo } from '../metadata/index.js';
import type { SavedReport, Shop } from '../metadata/schema.js';
import type { Stores } from '../store/open-stores.js';
import type { RenderReport } from './scheduler.js';

export function renderThroughApi(app: FastifyInstance, stores: Stores): RenderReport {
  return async (shop: Shop, report: SavedReport, period: { from: string; to: string }, format: string) => {
    const keys = new ApiKeysRepo(stores.metadata);
    const { key, info } = await keys.create({ shopId: shop.id, name: `scheduled report ${report.id}`, scopes: ['read'] });
    try {
      const params = (typeof report.params === 'string' ? JSON.parse(report.params) : report.params) as Record<string, unknown>;
      const headers = { authorization: `Bearer ${key}` };
      const base = `/api/v1/shops/${shop.slug}`;
      let res: Awaited<ReturnType<FastifyInstance['inject']>>;
      if (report.analysis === 'funnel') {
        res = await app.inject({ method: 'POST', url: `${base}/analyses/funnel`, headers, payload: { ...params, ...period, format } });
      } else {
        const q = new URLSearchParams();
        for (const [k, v] of Object.entries(params)) {
          if (['from', 'to', 'date', 'format'].includes(k)) continue;
          for (const x of Array.isArray(v) ? v : [v]) q.append(k, String(x));
        }
        if (report.analysis === 'diagnostics') q.set('date', period.to);
        else {
          q.set('from', period.from);
          q.set('to', period.to);
        }
        q.set('format', format);
        const path = report.analysis === 'diagnostics' ? `${base}/diagnostics` : `${base}/analyses/${report.analysis}`;
        res = await app.inject({ method: 'GET', url: `${path}?${q}`, headers });
      }
      if (res.statusCode !== 200) throw new Error(`report ${report.id} failed: ${res.statusCode} ${res.body.slice(0, 300)}`);
      const safeName = report.name.replace(/[^\p{L}\p{N}_-]+/gu, '-').slice(0, 60);
      return {
        body: res.rawPayload,
        filename: `${shop.slug}-${safeName}-${period.from}_${period.to}.${format}`,
        contentType: String(res.headers['content-type'] ?? 'application/octet-stream'),
      };
    } finally {
      await keys.revoke(shop.id, info.id);
    }
  };
}
