import type { Command } from 'commander';
import { ApiKeysRepo, AuditRepo, ShopsRepo } from '../metadata/index.js';
import { notice, outputFormat, printRows } from './output.js';
import { withStores } from './with-stores.js';

export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('Shop API keys for ingestion and scripts');

  keys
    .command('create')
    .description('Create an API key; it is printed once and stored only as a hash')
    .requiredOption('--shop <slug>', 'shop')
    .option('--name <name>', 'what the key is for', 'storefront')
    .option('--scopes <list>', 'comma-separated: ingest, read', 'ingest')
    .action(async (opts: { shop: string; name: string; scopes: string }) => {
      await withStores('keys create', async (stores) => {
        const shop = await new ShopsRepo(stores.metadata).getBySlug(opts.shop);
        const { key, info } = await new ApiKeysRepo(stores.metadata).create({
          shopId: shop.id,
          name: opts.name,
          scopes: opts.scopes.split(',').map((s) => s.trim()),
        });
        await new AuditRepo(stores.metadata).record({
          actor: 'cli',
          action: 'key.created',
          organizationId: shop.organization_id,
          shopId: shop.id,
          detail: { id: info.id, name: info.name, scopes: info.scopes },
        });
        notice(`created key ${info.id} "${info.name}" (${info.scopes.join(', ')}) for ${shop.slug}. It will not be shown again:`);
        process.stdout.write(`${key}\n`);
      });
    });

  keys
    .command('list')
    .description('List a shop’s API keys (never the secrets)')
    .requiredOption('--shop <slug>', 'shop')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV')
    .action(async (opts: { shop: string; json?: boolean; csv?: boolean }) => {
      await withStores('keys list', async (stores) => {
        const shop = await new ShopsRepo(stores.metadata).getBySlug(opts.shop);
        const rows = (await new ApiKeysRepo(stores.metadata).list(shop.id)).map((k) => ({
          id: k.id,
          name: k.name,
          prefix: `slk_${k.prefix}_…`,
          scopes: k.scopes.join(','),
          created_at: k.createdAt,
          last_used_at: k.lastUsedAt,
          revoked_at: k.revokedAt,
        }));
        printRows(rows, outputFormat(opts), ['id', 'name', 'prefix', 'scopes', 'created_at', 'last_used_at', 'revoked_at']);
      });
    });

  keys
    .command('revoke <id>')
    .description('Revoke an API key (takes effect within 30 seconds on a running server)')
    .requiredOption('--shop <slug>', 'shop')
    .action(async (id: string, opts: { shop: string }) => {
      await withStores('keys revoke', async (stores) => {
        const shop = await new ShopsRepo(stores.metadata).getBySlug(opts.shop);
        await new ApiKeysRepo(stores.metadata).revoke(shop.id, Number(id));
        notice(`revoked key ${id}`);
      });
    });
}
