/** GET /api/v1/shops/:shop/exports/{events|orders}: raw rows for a date range as a file, streamed. */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { dateRange } from '../analyses/overview.analysis.js';
import { authOf, shopOf } from '../auth/access.js';
import { RAW_COMPRESSIONS, RAW_FORMATS, type RawCompression, type RawFormat, type RawKind, rawExport } from '../exports/raw-export.js';
import { CONTENT_TYPES } from '../exports/write-table.js';
import { AuditRepo } from '../metadata/index.js';
import type { Stores } from '../store/open-stores.js';
import { DateString } from './analysis-query.js';

const TYPES: Record<RawFormat, string> = { ...CONTENT_TYPES, json: 'application/x-ndjson; charset=utf-8' };
const EXTENSIONS: Record<RawFormat, string> = { csv: 'csv', json: 'jsonl', parquet: 'parquet', arrow: 'arrow', xlsx: 'xlsx' };

export function exportRoutes(app: FastifyInstance, stores: Stores): void {
  const audit = new AuditRepo(stores.metadata);
  app.get(
    '/api/v1/shops/:shop/exports/:kind',
    {
      config: { access: 'exports.run' },
      schema: {
        tags: ['exports'],
        summary: 'Raw events or orders (latest versions) for a date range, streamed as CSV, JSON lines, Parquet, Arrow IPC or XLSX',
        description:
          'Times in text formats are ISO 8601 UTC (Z); day is the shop-local day. XLSX is limited to one sheet (1,048,575 rows). Arrow IPC record batches are LZ4-compressed unless compression=zstd or none (for readers without an LZ4 codec).',
        params: Type.Object({ shop: Type.String(), kind: Type.Union([Type.Literal('events'), Type.Literal('orders')]) }),
        querystring: Type.Object(
          {
            from: Type.Optional(DateString),
            to: Type.Optional(DateString),
            format: Type.Union(
              RAW_FORMATS.map((f) => Type.Literal(f)),
              { default: 'csv' },
            ),
            compression: Type.Optional(
              Type.Union(
                RAW_COMPRESSIONS.map((c) => Type.Literal(c)),
                { description: 'Arrow only: lz4 (default), zstd or none' },
              ),
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const shop = shopOf(request);
      const { kind } = request.params as { kind: RawKind };
      const q = request.query as { from?: string; to?: string; format: RawFormat; compression?: RawCompression };
      const range = dateRange(shop, q.from, q.to);
      const stream = await rawExport(stores.warehouse.forShop(shop.id), shop, kind, q.format, range, {
        compression: q.compression,
      });
      await audit.record({
        actor: authOf(request).actor,
        action: 'export.raw',
        organizationId: shop.organization_id,
        shopId: shop.id,
        detail: { kind, format: q.format, ...range, ...(q.compression ? { compression: q.compression } : {}) },
        ip: request.ip,
      });
      return reply
        .header('content-type', TYPES[q.format])
        .header('content-disposition', `attachment; filename="${shop.slug}-${kind}-${range.from}_${range.to}.${EXTENSIONS[q.format]}"`)
        .send(stream);
    },
  );
}
