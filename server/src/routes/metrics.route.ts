/** Prometheus scrape endpoint. */
import { pendingBuyerCount, pendingSessionDayCount } from '@storelens/sql';
import type { FastifyInstance } from 'fastify';
import type { Metrics } from '../metrics.js';
import type { Stores } from '../store/open-stores.js';

const TAG = { purpose: 'metrics.pending' };

export function metricsRoutes(app: FastifyInstance, metrics: Metrics, stores: Stores): void {
  app.get('/metrics', { schema: { tags: ['operations'], summary: 'Prometheus metrics', hide: true } }, async (request, reply) => {
    const lanes = stores.warehouse.laneStats();
    const gauges = [
      '# HELP storelens_warehouse_lane_waiting Queries waiting for a connection',
      '# TYPE storelens_warehouse_lane_waiting gauge',
      ...Object.entries(lanes).map(([lane, s]) => `storelens_warehouse_lane_waiting{lane="${lane}"} ${s.waiting}`),
    ];
    // Recomputes waiting: days of daily session figures (live ingestion defers them a few seconds)
    // and buyers of buyer days; a number that keeps growing means the recompute keeps failing.
    // Read at scrape time; a warehouse that cannot answer leaves them out rather than failing the scrape.
    try {
      const admin = stores.warehouse.admin();
      const [days, buyers] = await Promise.all([pendingSessionDayCount(admin, TAG), pendingBuyerCount(admin, TAG)]);
      gauges.push(
        '# HELP storelens_recompute_pending Marks waiting for a recompute, by table (daily_sessions: days; buyer_days: buyers)',
        '# TYPE storelens_recompute_pending gauge',
        `storelens_recompute_pending{table="daily_sessions"} ${days}`,
        `storelens_recompute_pending{table="buyer_days"} ${buyers}`,
      );
    } catch (error) {
      request.log.warn({ err: error }, 'metrics: pending recomputes could not be counted');
    }
    return reply.type(metrics.registry.contentType).send(`${await metrics.registry.metrics()}${gauges.join('\n')}\n`);
  });
}
