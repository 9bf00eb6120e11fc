/**
 * The warehouse access module: the only code in Storelens that talks to ClickHouse.
 *
 * It owns connection set-up (embedded chDB or a ClickHouse server, same client API), the
 * settings every query runs with, parameter binding, the query tag, timeouts, error mapping,
 * and the tenant rule: analytics SQL runs through a ShopScope (scopes.ts), which binds `shop_id`
 * itself and refuses SQL that does not filter on it. Unscoped access (migrations, maintenance,
 * cross-shop operator jobs) goes through `admin()`, which is easy to find and review.
 *
 * Value conventions (decided once here, documented in the README):
 *   - counts and other 64-bit integers come back as JSON numbers (exact below 2^53);
 *   - Decimal amounts come back as JSON numbers (exact to the cent below ~9e13);
 *   - DateTime64 values come back as ISO-8601 strings in UTC with a trailing "Z";
 *   - the session time zone is UTC: shop-local days are computed explicitly with the shop's zone.
 */

import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  type ClickHouseClient,
  type ClickHouseClientConfigOptions,
  ClickHouseError,
  type ClickHouseSettings,
  createClient,
} from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';
import { ConnectionPool } from './connection-pool.js';
import { QueryTimeoutError, ShopScopeError, StoreBusyError, WarehouseQueryError, WarehouseUnavailableError } from './errors.js';
import { type Lane, logComment, type QueryObserver, type QueryTag } from './query-tag.js';
import { AdminScope, type ArrowCompression, type QueryParams, ShopScope } from './scopes.js';
import { withSessionParams } from './session-params.js';

export type WarehouseConfig =
  | {
      mode: 'embedded';
      /** chDB data directory; one process may own it at a time. */
      path: string;
      /** Connections for dashboard/API queries (default 2). */
      interactiveConnections?: number;
      /** Connections for imports and exports (default 2: an import writes two batches at once). */
      bulkConnections?: number;
      /** Connections for live ingestion (default 2: a batch is staged while the previous one merges). */
      ingestConnections?: number;
      defaultTimeoutSeconds?: number;
    }
  | {
      mode: 'server';
      url: string;
      username?: string;
      password?: string;
      database?: string;
      interactiveConnections?: number;
      bulkConnections?: number;
      ingestConnections?: number;
      defaultTimeoutSeconds?: number;
    };

/** @internal How one statement runs: its lane, limit, tag and per-statement settings. */
export interface RunOptions {
  lane: Lane;
  timeoutSeconds: number;
  tag: QueryTag;
  /** Delimiter of CSV bodies sent with insertBody (default ','). */
  csvDelimiter?: string;
  arrowCompression?: ArrowCompression;
}

export class Warehouse {
  private readonly lanes: Record<Lane, ConnectionPool<ClickHouseClient>>;
  private closed = false;
  /** Embedded only: where insert bodies are staged for file(). */
  private scratchDir: string | undefined;

  private constructor(
    readonly mode: WarehouseConfig['mode'],
    lanes: Record<Lane, ConnectionPool<ClickHouseClient>>,
    private readonly closeClients: () => Promise<void>,
    private readonly defaultTimeoutSeconds: number,
    private readonly observer: QueryObserver | undefined,
  ) {
    this.lanes = lanes;
  }

  static async open(config: WarehouseConfig, options: { observer?: QueryObserver } = {}): Promise<Warehouse> {
    const timeout = config.defaultTimeoutSeconds ?? 30;
    const interactive = config.interactiveConnections ?? (config.mode === 'embedded' ? 2 : 8);
    const bulk = config.bulkConnections ?? 2;
    const ingest = config.ingestConnections ?? 2;
    if (config.mode === 'embedded') {
      mkdirSync(config.path, { recursive: true });
      const clients: ClickHouseClient[] = [];
      try {
        for (let i = 0; i < interactive + bulk + ingest; i++) {
          clients.push(createClient({ connection: chdbConnection(config.path) }));
        }
      } catch (error) {
        await Promise.all(clients.map((c) => c.close()));
        throw embeddedOpenError(config.path, error);
      }
      const lanes = {
        interactive: new ConnectionPool('interactive', clients.slice(0, interactive)),
        bulk: new ConnectionPool('bulk', clients.slice(interactive, interactive + bulk)),
        ingest: new ConnectionPool('ingest', clients.slice(interactive + bulk)),
      };
      const wh: Warehouse = new Warehouse(
        'embedded',
        lanes,
        async () => {
          await Promise.all(clients.map((c) => c.close()));
        },
        timeout,
        options.observer,
      );
      // Scratch files of a previous process that died are of no use to anyone.
      wh.scratchDir = join(config.path, 'storelens-scratch');
      rmSync(wh.scratchDir, { recursive: true, force: true });
      mkdirSync(wh.scratchDir, { recursive: true });
      return wh;
    }
    const client = createClient({
      url: config.url,
      username: config.username ?? 'default',
      password: config.password ?? '',
      database: config.database ?? 'default',
      max_open_connections: interactive + bulk + ingest,
      request_timeout: (timeout + 5) * 1000,
      application: 'storelens',
    });
    const lanes = {
      interactive: new ConnectionPool(
        'interactive',
        Array.from({ length: interactive }, () => client),
      ),
      bulk: new ConnectionPool(
        'bulk',
        Array.from({ length: bulk }, () => client),
      ),
      ingest: new ConnectionPool(
        'ingest',
        Array.from({ length: ingest }, () => client),
      ),
    };
    const wh = new Warehouse('server', lanes, () => client.close(), timeout, options.observer);
    const ping = await client.ping();
    if (!ping.success) {
      await client.close();
      throw new WarehouseUnavailableError(`Cannot reach ClickHouse at ${config.url}: ${ping.error.message}`, ping.error);
    }
    return wh;
  }

  /** Queries for one shop. The shop id must come from the authenticated principal. */
  forShop(shopId: number): ShopScope {
    if (!Number.isInteger(shopId) || shopId <= 0 || shopId > 0xffffffff) {
      throw new ShopScopeError(`Invalid shop id ${String(shopId)}: a positive 32-bit integer is required.`);
    }
    return new ShopScope(this, shopId);
  }

  /**
   * @internal The statement and parameters as this engine takes them: over HTTP as query
   * parameters; embedded as session parameters in front of the statement (session-params.ts
   * says why: chdb's own binder runs one parameterized query at a time per process).
   */
  bind(sql: string, params: QueryParams): { query: string; query_params?: QueryParams } {
    return this.mode === 'embedded' ? { query: withSessionParams(sql, params) } : { query: sql, query_params: params };
  }

  /** @internal A fresh scratch file path for an insert body, or undefined when not embedded. */
  scratchFile(extension: string): string | undefined {
    return this.scratchDir ? join(this.scratchDir, `${randomUUID()}.${extension}`) : undefined;
  }

  /** Unscoped access for migrations, maintenance and operator jobs. Not for request handlers. */
  admin(): AdminScope {
    return new AdminScope(this);
  }

  async ping(): Promise<boolean> {
    try {
      await this.admin().rows('SELECT 1 AS ok', {}, { purpose: 'health.ping' });
      return true;
    } catch {
      return false;
    }
  }

  /** Pool sizes and queue lengths, for /metrics and diagnostics. */
  laneStats(): Record<Lane, { size: number; waiting: number }> {
    const stat = (l: Lane) => ({ size: this.lanes[l].size, waiting: this.lanes[l].waiting });
    return { interactive: stat('interactive'), bulk: stat('bulk'), ingest: stat('ingest') };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const pool of Object.values(this.lanes)) pool.close();
    await this.closeClients();
  }

  /** @internal Runs one statement on a lane with the standard settings, timing and error mapping. */
  async run<T>(opts: RunOptions, fn: (client: ClickHouseClient, settings: ClickHouseSettings) => Promise<T>): Promise<T> {
    if (this.closed) throw new WarehouseUnavailableError('The warehouse connection is closed.');
    const settings: ClickHouseSettings = {
      // Every query sends the same keys: chDB keeps SETs on its connection, so a key sent
      // only sometimes would leak into the next query on that connection.
      log_comment: logComment(opts.tag),
      max_execution_time: opts.timeoutSeconds,
      session_timezone: 'UTC',
      output_format_json_quote_64bit_integers: 0,
      output_format_json_quote_decimals: 0,
      date_time_output_format: 'iso',
      output_format_arrow_compression_method: opts.arrowCompression ?? 'none',
      format_csv_delimiter: opts.csvDelimiter ?? ',',
      // On a cluster, an INSERT into a Distributed table returns only once the shards have the
      // rows: each merge decides what is new (and which days await a recompute) by reading what
      // the previous ones wrote. No effect on a single node.
      insert_distributed_sync: 1,
    };
    const started = performance.now();
    try {
      const result = await this.lanes[opts.lane].use((client) => fn(client, settings));
      this.observe(opts, started, true);
      return result;
    } catch (error) {
      const mapped = mapError(opts, error);
      this.observe(opts, started, false, mapped.code);
      throw mapped;
    }
  }

  private observe(opts: RunOptions, started: number, ok: boolean, errorCode?: string): void {
    this.observer?.({
      purpose: opts.tag.purpose,
      shopId: opts.tag.shopId,
      lane: opts.lane,
      durationMs: performance.now() - started,
      ok,
      ...(errorCode ? { errorCode } : {}),
    });
  }

  /** @internal */
  runOptions(tag: QueryTag, extra: Partial<RunOptions> = {}): RunOptions {
    return { lane: tag.lane ?? 'interactive', timeoutSeconds: tag.timeoutSeconds ?? this.defaultTimeoutSeconds, tag, ...extra };
  }
}

// chdb bundles its own copy of @clickhouse/client-common, whose structurally equal types differ in
// nominal detail from the client's copy; the runtime contract is the same one.
function chdbConnection(path: string): ClickHouseClientConfigOptions['connection'] {
  return createChdbConnection({ path }) as unknown as ClickHouseClientConfigOptions['connection'];
}

function embeddedOpenError(path: string, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  if (/lock|Failed to create connection/i.test(message)) {
    return new StoreBusyError(
      path,
      `The embedded warehouse at ${path} is in use by another process. Stop the other Storelens process (or point STORELENS_DATA_DIR elsewhere) and try again.`,
    );
  }
  return new WarehouseUnavailableError(`Cannot open the embedded warehouse at ${path}: ${message}`, error);
}

/**
 * The client and chdb each bundle their own ClickHouseError class, so `instanceof` can't tell;
 * both carry the engine's error name in `type`.
 */
function asEngineError(error: unknown): { type: string; message: string } | undefined {
  if (error instanceof ClickHouseError) return { type: error.type ?? 'UNKNOWN', message: error.message };
  if (error instanceof Error && typeof (error as { type?: unknown }).type === 'string') {
    return { type: (error as unknown as { type: string }).type, message: error.message };
  }
  return undefined;
}

function mapError(opts: RunOptions, error: unknown): Error & { code?: string } {
  if (error instanceof ShopScopeError) return error;
  const engineError = asEngineError(error);
  if (engineError) {
    if (engineError.type === 'TIMEOUT_EXCEEDED') return new QueryTimeoutError(opts.tag.purpose, opts.timeoutSeconds, error);
    const firstLine = engineError.message.split('\n')[0] ?? engineError.message;
    return new WarehouseQueryError(opts.tag.purpose, engineError.type, firstLine, error);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new WarehouseQueryError(opts.tag.purpose, undefined, message, error);
}
