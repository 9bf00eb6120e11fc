/**
 * Errors raised by the warehouse layer. Each carries a stable `code` and the HTTP status a
 * route should answer with, so the server's one error handler can map them without guessing.
 */
export class StorelensError extends Error {
  readonly code: string;
  readonly statusCode: number;
  constructor(code: string, message: string, statusCode = 500, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.statusCode = statusCode;
  }
}

/** A query failed inside ClickHouse; `clickhouseType` is the engine's error name, e.g. UNKNOWN_TABLE. */
export class WarehouseQueryError extends StorelensError {
  readonly clickhouseType: string | undefined;
  readonly purpose: string;
  constructor(purpose: string, clickhouseType: string | undefined, detail: string, cause?: unknown) {
    super('WAREHOUSE_QUERY_FAILED', `Warehouse query "${purpose}" failed${clickhouseType ? ` (${clickhouseType})` : ''}: ${detail}`, 500, {
      cause,
    });
    this.clickhouseType = clickhouseType;
    this.purpose = purpose;
  }
}

export class QueryTimeoutError extends StorelensError {
  constructor(purpose: string, seconds: number, cause?: unknown) {
    super(
      'QUERY_TIMEOUT',
      `Warehouse query "${purpose}" ran longer than its ${seconds}s limit and was stopped. Narrow the date range or filters and try again.`,
      504,
      { cause },
    );
  }
}

/** Analytics SQL must be scoped to exactly the principal's shop; anything else is a programming error. */
export class ShopScopeError extends StorelensError {
  constructor(message: string) {
    super('SHOP_SCOPE_VIOLATION', message, 500);
  }
}

/** The embedded data directory is owned by another process (chDB allows one per directory). */
export class StoreBusyError extends StorelensError {
  readonly dataDir: string;
  constructor(dataDir: string, detail: string) {
    super('STORE_BUSY', detail, 503);
    this.dataDir = dataDir;
  }
}

export class WarehouseUnavailableError extends StorelensError {
  constructor(detail: string, cause?: unknown) {
    super('WAREHOUSE_UNAVAILABLE', detail, 503, { cause });
  }
}
