/**
 * The warehouse access module: the only code in Storelens that talks to ClickHouse.
 *
 * It owns connection set-up (embedded chDB or a ClickHouse server, same client API), the
 * settings every query runs with, parameter binding, the query tag, timeouts, error mapping,
 * and the tenant rule: analytics SQL runs through a ShopScope, which binds `shop_id` itself
 * and refuses SQL that does not filter on it. Unscoped access (migrations, maintenance,
 * cross-shop operator jobs) goes through `admin()`, which is easy to find and review.
 *
 * Value conventions (decided once here, documented in the README):
 *   - counts and other 64-bit integers come back as JSON numbers (exact below 2^53);
 *   - Decimal amounts come back as JSON numbers (exact to the cent below ~9e13);
 *   - DateTime64 values come back as ISO-8601 strings in UTC with a trailing "Z";
 *   - the session time zone is UTC: shop-local days are computed explicitly with the shop's zone.
 */

import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
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
import { firstBytesOrDone, readGrowingFile } from './growing-file.js';
import { type Lane, logComment, type QueryObserver, type QueryTag } from './query-tag.js';
import { withSessionParams } from './session-params.js';

export type WarehouseConfig =
  | {
      mode: 'embedded';
      /** chDB data directory; one process may own it at a time. */
      path: string;
      /** Connections for dashboard/API queries (default 2). */
      interactiveConnections?: number;
      /** Connections for imports and exports (default 1). */
      bulkConnections?: number;
      /** Connections for live ingestion batches (default 1). */
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

export type QueryParams = Record<string, unknown>;

/** ClickHouse output formats an export may stream. */
export const EXPORT_FORMATS = ['CSVWithNames', 'Parquet', 'ArrowStream', 'JSONEachRow'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** Arrow IPC body compression (part of the Arrow format; LZ4 frames are the default of Feather v2 files). */
export const ARROW_COMPRESSIONS = ['none', 'lz4_frame', 'zstd'] as const;
export type ArrowCompression = (typeof ARROW_COMPRESSIONS)[number];

/** Tables a shop scope may insert into; anything else is refused. */
export const SHOP_TABLES = ['events', 'orders', 'order_items', 'products', 'customers', 'import_rejects'] as const;
export type ShopTable = (typeof SHOP_TABLES)[number];

const SHOP_PARAM = '{shop_id:UInt32}';
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface RunOptions {
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

/** The table function that reads a body written to a scratch file (bound by viaScratchFile). */
const scratchSource = (format: string) => `file({body_path:String}, ${format}, {body_structure:String})`;

abstract class Scope {
  constructor(protected readonly wh: Warehouse) {}

  protected abstract prepare(sql: string, params: QueryParams, tag: QueryTag): { params: QueryParams; tag: QueryTag };

  /** Runs a SELECT and returns its rows as objects. */
  async rows<T = Record<string, unknown>>(sql: string, params: QueryParams, tag: QueryTag): Promise<T[]> {
    const p = this.prepare(sql, params, tag);
    return this.wh.run(this.wh.runOptions(p.tag), async (client, settings) => {
      const rs = await client.query({ ...this.wh.bind(sql, p.params), format: 'JSONEachRow', clickhouse_settings: settings });
      return rs.json<T>();
    });
  }

  /** Runs a statement that returns no rows (DDL, INSERT ... SELECT, mutations). */
  async command(sql: string, params: QueryParams, tag: QueryTag): Promise<void> {
    const p = this.prepare(sql, params, tag);
    await this.wh.run(this.wh.runOptions(p.tag), async (client, settings) => {
      await client.command({ ...this.wh.bind(sql, p.params), clickhouse_settings: settings });
    });
  }

  /**
   * Inserts a body of formatted rows (CSV, TSV, ArrowStream, ...) into a table. Over HTTP the body
   * is sent as `INSERT ... FORMAT`; embedded, it is written to a scratch file and read with
   * file(), because chDB parses inline insert data several times slower than file().
   * `structure` describes the body's columns (ClickHouse types) in order.
   */
  async insertBody(
    target: { table: string; columns: readonly string[]; format: string; structure: string },
    body: Buffer,
    tag: QueryTag,
    options: { csvDelimiter?: string } = {},
  ): Promise<void> {
    for (const id of [target.table, ...target.columns, target.format]) {
      if (!IDENTIFIER.test(id)) throw new ShopScopeError(`"${id}" is not a valid identifier for insertBody.`);
    }
    const t = { ...tag, lane: tag.lane ?? ('bulk' as const) };
    const run = this.wh.runOptions(t, options.csvDelimiter ? { csvDelimiter: options.csvDelimiter } : {});
    const cols = target.columns.join(', ');
    if (this.wh.mode === 'embedded') {
      const sql = `INSERT INTO ${target.table} (${cols}) SELECT * FROM ${scratchSource(target.format)}`;
      await this.viaScratchFile(body, target, run, sql, {});
      return;
    }
    await this.wh.run(run, async (client, settings) => {
      const rs = await client.exec({
        query: `INSERT INTO ${target.table} (${cols}) FORMAT ${target.format}`,
        clickhouse_settings: settings,
        values: Readable.from([body]),
      });
      rs.stream.resume();
    });
  }

  /**
   * Like insertBody, but the body is read by the caller's own statement — `statement(source)`, where
   * `source` is the table function that reads the body — bound with `params` and checked like any
   * statement of this scope: an INSERT ... SELECT that types rows on their way in reads them once
   * instead of staging them as text first. Embedded only (the body is a scratch file read with file()).
   */
  async insertBodyVia(
    statement: (source: string) => string,
    body: Buffer,
    shape: { format: string; structure: string },
    params: QueryParams,
    tag: QueryTag,
    options: { csvDelimiter?: string } = {},
  ): Promise<void> {
    if (!IDENTIFIER.test(shape.format)) throw new ShopScopeError(`"${shape.format}" is not a valid format name.`);
    if (this.wh.mode !== 'embedded') throw new ShopScopeError('insertBodyVia reads a scratch file: embedded mode only.');
    const sql = statement(scratchSource(shape.format));
    const p = this.prepare(sql, params, tag);
    const t = { ...p.tag, lane: p.tag.lane ?? ('bulk' as const) };
    const run = this.wh.runOptions(t, options.csvDelimiter ? { csvDelimiter: options.csvDelimiter } : {});
    await this.viaScratchFile(body, shape, run, sql, p.params);
  }

  /** Writes the body to a scratch file, runs the statement that reads it (scratchSource), removes the file. */
  private async viaScratchFile(
    body: Buffer,
    shape: { format: string; structure: string },
    run: RunOptions,
    sql: string,
    params: QueryParams,
  ): Promise<void> {
    const scratch = this.wh.scratchFile(shape.format.toLowerCase()) as string;
    writeFileSync(scratch, body);
    try {
      await this.wh.run(run, async (client, settings) => {
        await client.command({
          ...this.wh.bind(sql, { ...params, body_path: scratch, body_structure: shape.structure }),
          clickhouse_settings: settings,
        });
      });
    } finally {
      rmSync(scratch, { force: true });
    }
  }

  /**
   * Streams the result of a SELECT (written without FORMAT) in one of the export formats, in
   * constant memory: over HTTP the server's response is streamed through; embedded, chDB writes
   * the result to a scratch file (INSERT INTO FUNCTION file(...)), which is streamed while it
   * grows (growing-file.ts) and removed afterwards.
   */
  async exportStream(
    sql: string,
    params: QueryParams,
    tag: QueryTag,
    format: ExportFormat,
    options: { arrowCompression?: ArrowCompression } = {},
  ): Promise<Readable> {
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new ShopScopeError(`"${format}" is not an export format.`);
    if (options.arrowCompression && !(ARROW_COMPRESSIONS as readonly string[]).includes(options.arrowCompression)) {
      throw new ShopScopeError(`"${options.arrowCompression}" is not an Arrow compression.`);
    }
    const p = this.prepare(sql, params, tag);
    const t = { ...p.tag, lane: p.tag.lane ?? ('bulk' as const) };
    const run = this.wh.runOptions(t, options.arrowCompression ? { arrowCompression: options.arrowCompression } : {});
    const scratch = this.wh.scratchFile(format.toLowerCase());
    if (scratch) {
      const written = this.wh.run(run, async (client, settings) => {
        await client.command({
          ...this.wh.bind(`INSERT INTO FUNCTION file({export_path:String}, ${format}) ${sql}`, { ...p.params, export_path: scratch }),
          clickhouse_settings: settings,
        });
      });
      // Errors the engine finds at once (a bad range, a timeout before any row) still reject
      // here, before a response has begun; later ones break the stream.
      try {
        await firstBytesOrDone(scratch, written);
      } catch (error) {
        rmSync(scratch, { force: true });
        throw error;
      }
      return readGrowingFile(scratch, written, () => rmSync(scratch, { force: true }));
    }
    return this.wh.run(run, async (client, settings) => {
      const rs = await client.exec({ ...this.wh.bind(`${sql} FORMAT ${format}`, p.params), clickhouse_settings: settings });
      return rs.stream as Readable;
    });
  }

  /** Runs a query whose SQL ends in its own FORMAT clause and returns the raw bytes (Arrow, CSV, ...). */
  async raw(sql: string, params: QueryParams, tag: QueryTag): Promise<Buffer> {
    const p = this.prepare(sql, params, tag);
    return this.wh.run(this.wh.runOptions(p.tag), async (client, settings) => {
      const rs = await client.exec({ ...this.wh.bind(sql, p.params), clickhouse_settings: settings });
      const chunks: Buffer[] = [];
      for await (const chunk of rs.stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
      return Buffer.concat(chunks);
    });
  }
}

/** Queries bound to one shop: the scope supplies `shop_id`, and SQL that ignores it is refused. */
export class ShopScope extends Scope {
  constructor(
    wh: Warehouse,
    readonly shopId: number,
  ) {
    super(wh);
  }

  protected prepare(sql: string, params: QueryParams, tag: QueryTag): { params: QueryParams; tag: QueryTag } {
    if (!sql.includes(SHOP_PARAM)) {
      throw new ShopScopeError(`Query "${tag.purpose}" does not filter on ${SHOP_PARAM}; shop-scoped SQL must bind the shop.`);
    }
    if (Object.hasOwn(params, 'shop_id')) {
      throw new ShopScopeError(`Query "${tag.purpose}" passed its own shop_id; the shop comes from the scope only.`);
    }
    return { params: { ...params, shop_id: this.shopId }, tag: { ...tag, shopId: this.shopId } };
  }

  /** Inserts rows into a shop table; each row gets this scope's shop_id. */
  async insert(table: ShopTable, rows: readonly Record<string, unknown>[], tag: QueryTag): Promise<void> {
    if (!(SHOP_TABLES as readonly string[]).includes(table)) throw new ShopScopeError(`Table "${table}" is not a shop table.`);
    if (rows.length === 0) return;
    const values = rows.map((row) => {
      if (row.shop_id !== undefined && row.shop_id !== this.shopId) {
        throw new ShopScopeError(`Refusing to insert a row for shop ${String(row.shop_id)} through the scope of shop ${this.shopId}.`);
      }
      return { ...row, shop_id: this.shopId };
    });
    const t = { ...tag, shopId: this.shopId, lane: tag.lane ?? 'bulk' };
    await this.wh.run(this.wh.runOptions(t), async (client, settings) => {
      await client.insert({ table, values, format: 'JSONEachRow', clickhouse_settings: settings });
    });
  }
}

export class AdminScope extends Scope {
  protected prepare(_sql: string, params: QueryParams, tag: QueryTag): { params: QueryParams; tag: QueryTag } {
    return { params, tag };
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
