/**
 * File imports over HTTP: upload a file (the request body, streamed to disk) and get job ids at
 * once; the import runs in the background with the same verdicts and job records as the CLI.
 * Jobs and their rejected rows can be read back. Authenticated by a shop API key.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Type } from '@sinclair/typebox';
import { IMPORT_KINDS, type ImportKind, PRESETS, SOURCE_FORMATS, type SourceFormat } from '@storelens/etl';
import type { FastifyInstance } from 'fastify';
import { authOf, shopOf } from '../auth/access.js';
import { BadRequestError } from '../errors.js';
import { mappingOf } from '../imports/client-mapping.js';
import type { ImportRunner } from '../imports/import-runner.js';
import { type ImportJob, ImportJobsRepo, type MetadataDb } from '../metadata/index.js';
import type { Stores } from '../store/open-stores.js';

const MAX_UPLOAD_BYTES = 20 * 1024 * 1024 * 1024;
/** A mapping travels in the query string; a dozen columns take a few hundred characters. */
const MAX_MAPPING_CHARS = 8000;

const Job = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  source: Type.String(),
  preset: Type.Union([Type.String(), Type.Null()]),
  status: Type.String(),
  rows_read: Type.Integer(),
  rows_loaded: Type.Integer(),
  rows_updated: Type.Integer(),
  rows_duplicate: Type.Integer(),
  rows_rejected: Type.Integer(),
  error: Type.Union([Type.String(), Type.Null()]),
  mapping: Type.Union([Type.String(), Type.Null()], { description: "The mapping file's JSON text the file was read with, if any." }),
  created_at: Type.String(),
  started_at: Type.Union([Type.String(), Type.Null()]),
  finished_at: Type.Union([Type.String(), Type.Null()]),
});

function jobView(j: ImportJob) {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return { ...j, created_at: new Date(j.created_at).toISOString(), started_at: iso(j.started_at), finished_at: iso(j.finished_at) };
}

export function importRoutes(app: FastifyInstance, stores: Stores, runner: ImportRunner, metadata: MetadataDb): void {
  const ShopParam = Type.Object({ shop: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,62}$' }) });
  const jobs = new ImportJobsRepo(metadata);
  const uploads = join(stores.config.dataDir, 'uploads');

  app.register(async (scope) => {
    // Any body is the file itself: stream it, never buffer it.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    scope.post(
      '/api/v1/shops/:shop/imports',
      {
        bodyLimit: MAX_UPLOAD_BYTES,
        config: { access: 'imports.manage' },
        schema: {
          tags: ['imports'],
          summary: 'Upload a file to import (the request body is the file)',
          description:
            "Returns 202 with the job ids; poll GET /api/v1/shops/{shop}/imports/{id}. Give kind (generic layout), preset, or mapping (a mapping file's JSON text, whose kind is used).",
          security: [{ apiKey: [] }],
          params: ShopParam,
          querystring: Type.Object(
            {
              kind: Type.Optional(Type.Union(IMPORT_KINDS.map((k) => Type.Literal(k)))),
              preset: Type.Optional(Type.Union(Object.keys(PRESETS).map((k) => Type.Literal(k)))),
              format: Type.Optional(Type.Union(SOURCE_FORMATS.map((k) => Type.Literal(k)))),
              filename: Type.Optional(Type.String({ maxLength: 200, pattern: '^[^/\\\\]+$' })),
              mapping: Type.Optional(
                Type.String({
                  maxLength: MAX_MAPPING_CHARS,
                  description:
                    'A mapping file (JSON text: {"kind": ..., "columns": {schema column: source column}}) for a layout no preset covers',
                }),
              ),
            },
            { additionalProperties: false },
          ),
          response: { 202: Type.Object({ jobs: Type.Array(Type.String()) }) },
        },
      },
      async (request, reply) => {
        const shop = shopOf(request);
        const q = request.query as { kind?: ImportKind; preset?: string; format?: SourceFormat; filename?: string; mapping?: string };
        const mapping = q.mapping === undefined ? undefined : mappingOf(q.mapping);
        if (mapping && q.preset)
          throw new BadRequestError('A preset decides the columns itself: send a mapping or a preset, not both.', 'mapping');
        if (mapping && q.kind && q.kind !== mapping.kind)
          throw new BadRequestError(`kind ${q.kind} contradicts the mapping's kind ${mapping.kind}; drop kind or fix the mapping.`, 'kind');
        const kind = q.kind ?? mapping?.kind;
        if (!kind === !q.preset)
          throw new BadRequestError('Give exactly one of kind (a generic layout), mapping or preset.', kind ? 'preset' : 'kind');
        const filename = q.filename ?? `upload.${q.format ?? 'csv'}`;
        mkdirSync(uploads, { recursive: true });
        const path = join(uploads, `${randomUUID()}-${filename.replace(/[^A-Za-z0-9._-]/g, '_')}`);
        await pipeline(request.body as NodeJS.ReadableStream, createWriteStream(path));
        const preset = q.preset ? PRESETS[q.preset] : undefined;
        const ids = await runner.enqueue({
          shop,
          path,
          sourceName: filename,
          actor: authOf(request).actor,
          ...(kind ? { kind } : {}),
          ...(preset ? { preset } : {}),
          ...(q.format ? { format: q.format } : {}),
          ...(mapping ? { aliases: mapping.aliases } : {}),
        });
        return reply.status(202).send({ jobs: ids });
      },
    );
  });

  app.get(
    '/api/v1/shops/:shop/imports',
    {
      config: { access: 'imports.manage' },
      schema: {
        tags: ['imports'],
        summary: 'Recent import jobs of the shop',
        security: [{ apiKey: [] }],
        params: ShopParam,
        response: { 200: Type.Object({ jobs: Type.Array(Job) }) },
      },
    },
    async (request) => ({ jobs: (await jobs.list(shopOf(request).id)).map(jobView) }),
  );

  app.get(
    '/api/v1/shops/:shop/imports/:id',
    {
      config: { access: 'imports.manage' },
      schema: {
        tags: ['imports'],
        summary: 'One import job: status, progress and counts',
        security: [{ apiKey: [] }],
        params: Type.Object({ shop: Type.String(), id: Type.String({ format: 'uuid' }) }),
        response: { 200: Job },
      },
    },
    async (request) => {
      return jobView(await jobs.get(shopOf(request).id, (request.params as { id: string }).id));
    },
  );

  app.get(
    '/api/v1/shops/:shop/imports/:id/rejects',
    {
      config: { access: 'imports.manage' },
      schema: {
        tags: ['imports'],
        summary: 'Rows an import rejected, with line, reason and raw text',
        security: [{ apiKey: [] }],
        params: Type.Object({ shop: Type.String(), id: Type.String({ format: 'uuid' }) }),
        querystring: Type.Object({
          limit: Type.Integer({ minimum: 1, maximum: 10000, default: 100 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: {
          200: Type.Object({
            rejects: Type.Array(Type.Object({ line: Type.Integer(), reason: Type.String(), raw: Type.String(), source: Type.String() })),
          }),
        },
      },
    },
    async (request) => {
      const shop = shopOf(request);
      const id = (request.params as { id: string }).id;
      await jobs.get(shop.id, id); // 404 for another shop's job
      const q = request.query as { limit: number; offset: number };
      const rejects = await stores.warehouse
        .forShop(shop.id)
        .rows<{ line: number; reason: string; raw: string; source: string }>(
          'SELECT line, reason, raw, source FROM import_rejects WHERE shop_id = {shop_id:UInt32} AND import_id = {id:String} ORDER BY line LIMIT {limit:UInt32} OFFSET {offset:UInt32}',
          { id, limit: q.limit, offset: q.offset },
          { purpose: 'api.import_rejects' },
        );
      return { rejects };
    },
  );
}
