/**
 * Recurring imports managed while the server runs: a shop's drop folders, each polled on a
 * schedule, every new file imported once (imports/source-poller.ts). Folders made here live
 * under the shop's drop folder (imports/drop-folders.ts) and nowhere else: whoever may manage a
 * shop's imports (an API key included) must not be able to point the server at another shop's
 * folder or at any other file on the machine and read it back through rejects. URLs, and folders elsewhere, stay
 * with the operator (`storelens sources add`); they are listed here all the same.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Type } from '@sinclair/typebox';
import { IMPORT_KINDS, PRESETS } from '@storelens/etl';
import type { FastifyInstance } from 'fastify';
import { authOf, shopOf } from '../auth/access.js';
import { BadRequestError } from '../errors.js';
import { DROP_FOLDER_NAME, dropFolderName, shopDropFolder } from '../imports/drop-folders.js';
import { AuditRepo } from '../metadata/audit.repo.js';
import { type ImportSource, ImportSourcesRepo, type MetadataDb, type Shop } from '../metadata/index.js';
import { ShopParams } from './analysis-query.js';

const SourceView = Type.Object({
  id: Type.Integer(),
  location: Type.String(),
  /** The folder's name under the shop's drop folder; null for a URL or a folder the operator set elsewhere. */
  folder: Type.Union([Type.String(), Type.Null()]),
  kind: Type.Union([Type.String(), Type.Null()]),
  preset: Type.Union([Type.String(), Type.Null()]),
  mapping: Type.Union([Type.String(), Type.Null()]),
  everySeconds: Type.Integer(),
  lastPolledAt: Type.Union([Type.String(), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
});

const SourceBody = Type.Object(
  {
    folder: Type.String({ pattern: DROP_FOLDER_NAME, description: 'a folder name under the shop’s drop folder; made if missing' }),
    kind: Type.Optional(Type.Union(IMPORT_KINDS.map((k) => Type.Literal(k)))),
    preset: Type.Optional(Type.Union(Object.keys(PRESETS).map((k) => Type.Literal(k)))),
    mapping: Type.Optional(Type.String({ maxLength: 8000, description: 'a mapping file’s JSON text; its kind stands in for kind' })),
    everySeconds: Type.Optional(Type.Integer({ minimum: 10, maximum: 86_400, default: 300 })),
  },
  { additionalProperties: false },
);

export function importSourcesRoutes(app: FastifyInstance, db: MetadataDb, dropDir: string): void {
  const sources = new ImportSourcesRepo(db);
  const audit = new AuditRepo(db);
  const shopDrop = (shop: Shop) => shopDropFolder(dropDir, shop);
  const view = (s: ImportSource, shop: Shop) => {
    return {
      id: s.id,
      location: s.location,
      folder: dropFolderName(dropDir, shop, s.location),
      kind: s.kind,
      preset: s.preset,
      mapping: s.mapping,
      everySeconds: s.interval_seconds,
      lastPolledAt: s.last_polled_at ? new Date(s.last_polled_at).toISOString() : null,
      lastError: s.last_error,
    };
  };

  app.get(
    '/api/v1/shops/:shop/import-sources',
    {
      config: { access: 'imports.manage' },
      schema: {
        tags: ['imports'],
        summary: 'The shop’s drop folders and URLs, with their last poll',
        params: ShopParams,
        response: { 200: Type.Object({ dropFolder: Type.String(), sources: Type.Array(SourceView) }) },
      },
    },
    async (request) => {
      const shop = shopOf(request);
      return { dropFolder: shopDrop(shop), sources: (await sources.list(shop.id)).map((s) => view(s, shop)) };
    },
  );

  app.post(
    '/api/v1/shops/:shop/import-sources',
    {
      config: { access: 'imports.manage' },
      schema: {
        tags: ['imports'],
        summary: 'Add a drop folder under the shop’s drop folder; the server polls it',
        params: ShopParams,
        body: SourceBody,
        response: { 201: SourceView },
      },
    },
    async (request, reply) => {
      const shop = shopOf(request);
      const b = request.body as { folder: string; kind?: string; preset?: string; mapping?: string; everySeconds?: number };
      const location = join(shopDrop(shop), b.folder);
      if ((await sources.list(shop.id)).some((s) => s.location === location))
        throw new BadRequestError(`The shop already polls the folder "${b.folder}"; remove that source first to change it.`, 'folder');
      const source = await sources.create({
        shopId: shop.id,
        location,
        ...(b.kind ? { kind: b.kind } : {}),
        ...(b.preset ? { preset: b.preset } : {}),
        ...(b.mapping !== undefined ? { mapping: b.mapping } : {}),
        intervalSeconds: b.everySeconds ?? 300,
      });
      mkdirSync(location, { recursive: true });
      await audit.record({
        actor: authOf(request).actor,
        action: 'import-source.added',
        organizationId: shop.organization_id,
        shopId: shop.id,
        detail: { id: source.id, folder: b.folder, kind: source.kind, preset: source.preset, mapping: source.mapping !== null },
        ip: request.ip,
      });
      return reply.status(201).send(view(source, shop));
    },
  );

  app.delete(
    '/api/v1/shops/:shop/import-sources/:id',
    {
      config: { access: 'imports.manage' },
      schema: {
        tags: ['imports'],
        summary: 'Stop polling a source (its files and past imports stay)',
        params: Type.Object({ shop: Type.String(), id: Type.Integer() }),
      },
    },
    async (request, reply) => {
      const shop = shopOf(request);
      const { id } = request.params as { id: number };
      await sources.remove(shop.id, id);
      await audit.record({
        actor: authOf(request).actor,
        action: 'import-source.removed',
        organizationId: shop.organization_id,
        shopId: shop.id,
        detail: { id },
        ip: request.ip,
      });
      return reply.status(204).send();
    },
  );
}
