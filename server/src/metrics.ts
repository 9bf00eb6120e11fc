/**
 * Prometheus metrics, one registry per app: HTTP request and warehouse query timings, live
 * ingestion (events by verdict, batch times, failed session recomputes) and imports (jobs by
 * outcome, rows by verdict).
 */
import type { IngestFlush } from '@storelens/etl';
import type { QueryEvent } from '@storelens/sql';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { ImportFinished } from './imports/import-service.js';

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

  readonly ingestEvents = new Counter({
    name: 'storelens_ingest_events_total',
    help: 'Live-ingested events by verdict (accepted, duplicate, rejected)',
    labelNames: ['verdict'] as const,
    registers: [this.registry],
  });
  readonly ingestBatchDuration = new Histogram({
    name: 'storelens_ingest_batch_duration_seconds',
    help: 'Time from a live-ingestion batch closing to its events stored',
    buckets: SECONDS,
    registers: [this.registry],
  });
  readonly sessionRefreshFailures = new Counter({
    name: 'storelens_ingest_session_refresh_failures_total',
    help: 'Deferred recomputes of daily session figures that failed (the days stay marked and are retried)',
    registers: [this.registry],
  });
  readonly importJobs = new Counter({
    name: 'storelens_import_jobs_total',
    help: 'Finished import jobs by kind and outcome (succeeded, failed)',
    labelNames: ['kind', 'status'] as const,
    registers: [this.registry],
  });
  readonly importRows = new Counter({
    name: 'storelens_import_rows_total',
    help: 'Rows of finished import jobs by kind and verdict (loaded, updated, duplicate, rejected)',
    labelNames: ['kind', 'verdict'] as const,
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

  /** Passed to the ingest batcher as its onFlush. */
  readonly observeIngest = (f: IngestFlush): void => {
    for (const verdict of ['accepted', 'duplicate', 'rejected'] as const)
      if (f[verdict] > 0) this.ingestEvents.inc({ verdict }, f[verdict]);
    this.ingestBatchDuration.observe(f.ms / 1000);
  };

  /** Passed to ImportService: a job finished (a failed one with no rows). */
  readonly observeImport = (e: ImportFinished): void => {
    this.importJobs.inc({ kind: e.kind, status: e.status });
    const rows = { loaded: e.rowsLoaded, updated: e.rowsUpdated, duplicate: e.rowsDuplicate, rejected: e.rowsRejected };
    for (const [verdict, n] of Object.entries(rows)) if (n > 0) this.importRows.inc({ kind: e.kind, verdict }, n);
  };
}
