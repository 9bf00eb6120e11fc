/**
 * `storelens export`: raw events or orders for a date range, streamed to a file; or any analysis
 * result as a file, through the same route the API serves (so the parameters, checks and file
 * layout are the API's own).
 */
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { dateRange } from '../analyses/overview.analysis.js';
import { buildApp } from '../app.js';
import { analysisRequest, paramsOfQuery, REQUESTABLE_ANALYSES } from '../exports/analysis-request.js';
import { RAW_COMPRESSIONS, RAW_FORMATS, type RawCompression, type RawFormat, type RawKind, rawExport } from '../exports/raw-export.js';
import { FILE_FORMATS } from '../exports/write-table.js';
import { ApiKeysRepo, ShopsRepo } from '../metadata/index.js';
import { notice } from './output.js';
import { withStores } from './with-stores.js';

export function registerExport(program: Command): void {
  const exp = program.command('export').description('Take data out: raw rows or any analysis result, as CSV, JSON, XLSX, Parquet or Arrow');
  for (const kind of ['events', 'orders'] as const) {
    exp
      .command(kind)
      .description(`Raw ${kind}${kind === 'orders' ? ' (latest versions)' : ''} for a date range, streamed to a file`)
      .requiredOption('--shop <slug>', 'shop')
      .requiredOption('--out <file>', 'file to write')
      .option('--from <date>', 'first day, YYYY-MM-DD (shop-local)')
      .option('--to <date>', 'last day, YYYY-MM-DD (shop-local)')
      .option('--format <format>', RAW_FORMATS.join(' | '), 'csv')
      .option('--compression <codec>', `Arrow only: ${RAW_COMPRESSIONS.join(' | ')} (default lz4)`)
      .action(async (opts: { shop: string; out: string; from?: string; to?: string; format: string; compression?: string }) => {
        if (!(RAW_FORMATS as readonly string[]).includes(opts.format))
          throw new Error(`--format ${opts.format} is not one of ${RAW_FORMATS.join(', ')}`);
        if (opts.compression !== undefined && !(RAW_COMPRESSIONS as readonly string[]).includes(opts.compression))
          throw new Error(`--compression ${opts.compression} is not one of ${RAW_COMPRESSIONS.join(', ')}`);
        await withStores(`export ${kind}`, async (stores) => {
          const shop = await new ShopsRepo(stores.metadata).getBySlug(opts.shop);
          const range = dateRange(shop, opts.from, opts.to);
          const started = performance.now();
          const stream = await rawExport(stores.warehouse.forShop(shop.id), shop, kind as RawKind, opts.format as RawFormat, range, {
            compression: opts.compression as RawCompression | undefined,
          });
          await pipeline(stream, createWriteStream(opts.out));
          notice(
            `${kind} ${range.from}..${range.to} → ${opts.out} (${opts.format}, ${((performance.now() - started) / 1000).toFixed(1)} s)`,
          );
        });
      });
  }
  exp
    .command('analysis <name>')
    .description(`An analysis result as a file (${REQUESTABLE_ANALYSES.join(', ')}); parameters as in the API`)
    .requiredOption('--shop <slug>', 'shop')
    .requiredOption('--out <file>', 'file to write')
    .option('--format <format>', FILE_FORMATS.join(' | '), 'csv')
    .option('--query <params>', 'the API parameters, e.g. "from=2026-10-01&to=2026-10-31&channel=search"', '')
    .option('--table <name>', 'which table of the result (default: the main one)')
    .option('--body <json>', 'for funnel, audience and dataset: the JSON body (funnel definition; conditions; measures and dimensions)')
    .action(async (name: string, opts: { shop: string; out: string; format: string; query: string; table?: string; body?: string }) => {
      // The route's name (price-bands), which the request is made for; its tables are the export's.
      if (!(REQUESTABLE_ANALYSES as readonly string[]).includes(name))
        throw new Error(`No analysis "${name}". Choose one of ${REQUESTABLE_ANALYSES.join(', ')}.`);
      await withStores('export analysis', async (stores) => {
        const shop = await new ShopsRepo(stores.metadata).getBySlug(opts.shop);
        // The CLI runs the API's own route in-process under a short-lived read key, removed afterwards.
        const keys = new ApiKeysRepo(stores.metadata);
        const { key, info } = await keys.create({ shopId: shop.id, name: 'cli export', scopes: ['read'] });
        const app = await buildApp({ stores, serveDashboard: false, logger: false });
        try {
          const params = {
            ...JSON.parse(opts.body ?? '{}'),
            ...paramsOfQuery(opts.query),
            format: opts.format,
            ...(opts.table ? { table: opts.table } : {}),
          };
          const res = await app.inject({ ...analysisRequest(shop.slug, name, params), headers: { authorization: `Bearer ${key}` } });
          if (res.statusCode !== 200)
            throw new Error(`${res.statusCode}: ${(res.json() as { error?: { message?: string } }).error?.message ?? res.body}`);
          await pipeline(async function* () {
            yield res.rawPayload;
          }, createWriteStream(opts.out));
          notice(`${name} → ${opts.out} (${opts.format}, ${res.rawPayload.length.toLocaleString('en-US')} bytes)`);
        } finally {
          await app.close();
          await keys.revoke(shop.id, info.id);
        }
      });
    });
}
