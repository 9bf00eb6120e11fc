/** What every query carries: who it is for and why, sent to ClickHouse as `log_comment`. */
/** interactive: API and dashboard; bulk: imports, exports, migrations; ingest: live event batches. */
export type Lane = 'interactive' | 'bulk' | 'ingest';

export interface QueryTag {
  /** A short stable name such as "analysis.overview" or "etl.merge"; shows up in logs and metrics. */
  purpose: string;
  /** Set by the shop scope; never by the caller. */
  shopId?: number;
  /** Interactive (default), bulk (imports, exports, migrations) or ingest (live event batches). */
  lane?: Lane;
  timeoutSeconds?: number;
}

export interface QueryEvent {
  purpose: string;
  shopId: number | undefined;
  lane: Lane;
  durationMs: number;
  ok: boolean;
  errorCode?: string;
}

export type QueryObserver = (event: QueryEvent) => void;

export function logComment(tag: QueryTag): string {
  return JSON.stringify({ app: 'storelens', purpose: tag.purpose, shop: tag.shopId ?? null });
}
