/** Prometheus scrape endpoint. */
import type { FastifyInstance } from 'fastify';
import type { Metrics } from '../metrics.js';
import type { Stores } from '../store/open-stores.js';

export function metricsRoutes(app: FastifyInstance, metrics: Metrics, stores: Stores): void {
  app.get('/metrics', { schema: { tags: ['operations'], summary: 'Prometheus metrics', hide: true } }, async (_request, reply) => {
    const lanes = stores.warehouse.laneStats();
    const lines = Object.entries(lanes).map(([lane, s]) => `storelens_warehouse_lane_waiting{lane="${lane}"} ${s.waiting}`);
    const text = `${await metrics.registry.metrics()}# HELP storelens_warehouse_lane_waiting Queries waiting for a connection\n# TYPE storelens_warehouse_lane_waiting gauge\n${lines.join('\n')}\n`;
    return reply.type(metrics.registry.contentType).send(text);
  });
}
