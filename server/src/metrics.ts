/** Prometheus metrics: HTTP request timings and warehouse query timings, one registry per app. */
import type { QueryEvent } from '@storelens/sql';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'storelens_http_request_duration_seconds',
    help: 'HTTP request duration by route, method and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });
  readonly queryDuration = new Histogram({
    name: 'storelens_warehouse_query_duration_seconds',
    help: 'Warehouse query duration by purpose, lane and outcome',
    labelNames: ['purpose', 'lane', 'outcome'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });
  readonly queryErrors = new Counter({
    name: 'storelens_warehouse_query_errors_total',
    help: 'Warehouse queries that failed, by purpose and error code',
    labelNames: ['purpose', 'code'] as const,
    registers: [this.registry],
  });

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'storelens_' });
  }

  /** Passed to Warehouse.open as its observer. */
  readonly observeQuery = (e: QueryEvent): void => {
    this.queryDuration.observe({ purpose: e.purpose, lane: e.lane, outcome: e.ok ? 'ok' : 'error' }, e.durationMs / 1000);
    if (!e.ok) this.queryErrors.inc({ purpose: e.purpose, code: e.errorCode ?? 'UNKNOWN' });
  };
}
