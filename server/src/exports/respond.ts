/**
 * `?format=csv|json|xlsx|parquet|arrow` on any analysis route: the same result, as a file of its
 * table (`?table=` picks another table). Downloading needs the exports.run permission too.
 */
import { Type } from '@sinclair/typebox';
import type { Warehouse } from '@storelens/sql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requirePermission, shopOf } from '../auth/access.js';
import { resultTable } from './result-tables.js';
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
  wh: Warehouse,
  analysis: string,
  result: T,
): Promise<T | FastifyReply> {
  const q = ((request.method === 'GET' ? request.query : request.body) ?? {}) as ExportParams;
  if (!q.format) return result;
  requirePermission(request, 'exports.run');
  const shop = shopOf(request);
  const table = resultTable(analysis, result, shop, q.table);
  const body = await writeTable(table, q.format, wh);
  const r = result as { from?: string; to?: string };
  const span = r.from && r.to ? `-${r.from}_${r.to}` : '';
  return reply
    .header('content-type', CONTENT_TYPES[q.format])
    .header('content-disposition', `attachment; filename="${shop.slug}-${table.name}${span}.${q.format}"`)
    .send(body);
}
