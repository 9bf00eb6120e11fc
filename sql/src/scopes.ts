/**
 * What callers hold to run SQL: a ShopScope (analytics: binds `shop_id` itself and refuses SQL
 * that does not filter on it) or the AdminScope (migrations, maintenance, operator jobs). Both run
 * through their Warehouse's lanes, settings, binding and error mapping (warehouse.ts); here are the
 * statement kinds — rows, commands, bodies to insert, streamed exports — and the tenant checks.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { ShopScopeError } from './errors.js';
import { firstBytesOrDone, readGrowingFile } from './growing-file.js';
import type { QueryTag } from './query-tag.js';
import type { RunOptions, Warehouse } from './warehouse.js';

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

/** The table function that reads a body written to a scratch file (bound by viaScratchFile). */
const scratchSource = (format: string) => `file({body_path:String}, ${format}, {body_structure:String})`;

export abstract class Scope {
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
      // Embedded answers arrive as one chunk: concatenating would copy it (a big funnel's 53 MB of
      // Arrow, ~35 ms) for nothing.
      return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
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
