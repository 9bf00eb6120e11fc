/**
 * `?format=csv|json|xlsx|parquet|arrow` on any analysis route: the same result, as a file of its
 * table (`?table=` picks another table). Downloading needs the exports.run permission too, and
 * every download is written to the audit log (who took which table of what, how many rows): data
 * leaving the service — customer ids in a list, a shop's sales — is something an operator must be
 * able to account for.
 */

import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AnalysisFilters } from '../analyses/filters.js';
import { authOf, requirePermission, shopOf } from '../auth/access.js';
import { BadRequestError } from '../errors.js';
import { AuditRepo, type Shop } from '../metadata/index.js';
import type { Stores } from '../store/open-stores.js';
import { filtersSlug } from './filters-slug.js';
import { resultTable } from './result-tables.js';
import type { ExportTable } from './table.js';
import { CONTENT_TYPES, FILE_FORMATS, type FileFormat, writeTable } from './write-table.js';

export const exportQuery = () => ({
  format: Type.Optional(
    Type.Union(
      FILE_FORMATS.map((f) => Type.Literal(f)),
      { description: 'download the result as a file of this format' },
    ),
  ),
  table: Type.Optional(
    Type.String({ pattern: '^[a-z_]{1,40}$', description: 'which table of the result to download (default: the main one)' }),
  ),
});

export interface ExportParams {
  format?: FileFormat;
  table?: string;
}

export async function exportable<T extends object>(
  request: FastifyRequest,
  reply: FastifyReply,
  stores: Pick<Stores, 'warehouse' | 'metadata'>,
  analysis: string,
  result: T,
): Promise<T | FastifyReply> {
  const q = ((request.method === 'GET' ? request.query : request.body) ?? {}) as ExportParams;
  if (!q.format) return result;
  requirePermission(request, 'exports.run');
  const shop = shopOf(request);
  const table = resultTable(analysis, result, shop, q.table);
  const r = result as { from?: string; to?: string; filters?: AnalysisFilters };
  const span = `${r.from && r.to ? `-${r.from}_${r.to}` : ''}${filtersSlug(r.filters)}`;
  // What was asked (the query or the funnel's body, which name the range, filters, segment or
  // steps) and what left: the table and its row count.
  return sendTable(request, reply, stores, { analysis, table, format: q.format, shops: [shop] }, `${shop.slug}-${table.name}${span}`, {
    ...(r.from && r.to ? { from: r.from, to: r.to } : {}),
  });
}

/**
 * A file of a table across shops (every shop side by side). Its permission was checked per shop
 * by the caller (a shop where the role may not export has no figures in it); each shop whose
 * figures are in the file gets its own audit entry, so the file shows up in every shop's log.
 */
export async function exportAcrossShops(
  request: FastifyRequest,
  reply: FastifyReply,
  stores: Pick<Stores, 'warehouse' | 'metadata'>,
  analysis: string,
  table: ExportTable,
  exported: readonly Shop[],
  span: string,
): Promise<FastifyReply> {
  const q = request.query as ExportParams;
  const format = q.format as FileFormat;
  if (q.table !== undefined && q.table !== table.name) {
    throw new BadRequestError(`This result has one table, "${table.name}"; got table=${q.table}.`, 'table');
  }
  return sendTable(
    request,
    reply,
    stores,
    { analysis, table, format, shops: exported },
    `${analysis.replaceAll('_', '-')}-${table.name}${span}`,
    {
      shops: exported.length,
    },
  );
}

/**
 * The file itself: the table written in the format asked for, an audit entry in each shop whose
 * data is in it (who took which table of what, how many rows, and the request), then the bytes.
 */
async function sendTable(
  request: FastifyRequest,
  reply: FastifyReply,
  stores: Pick<Stores, 'warehouse' | 'metadata'>,
  file: { analysis: string; table: ExportTable; format: FileFormat; shops: readonly Shop[] },
  name: string,
  detail: Record<string, unknown>,
): Promise<FastifyReply> {
  const { analysis, table, format } = file;
  const body = await writeTable(table, format, stores.warehouse);
  const audit = new AuditRepo(stores.metadata);
  const q = ((request.method === 'GET' ? request.query : request.body) ?? {}) as ExportParams;
  for (const shop of file.shops) {
    await audit.record({
      actor: authOf(request).actor,
      action: `export.${analysis.replaceAll('_', '-')}`,
      organizationId: shop.organization_id,
      shopId: shop.id,
      detail: { table: table.name, format, rows: table.rows.length, ...detail, request: withoutFormat(q) },
      ip: request.ip,
    });
  }
  return reply
    .header('content-type', CONTENT_TYPES[format])
    .header('content-disposition', `attachment; filename="${name}.${format}"`)
    .send(body);
}

function withoutFormat(q: ExportParams): Record<string, unknown> {
  const { format: _format, table: _table, ...rest } = q as ExportParams & Record<string, unknown>;
  return rest;
}
