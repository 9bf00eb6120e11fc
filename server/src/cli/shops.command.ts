import type { Command } from 'commander';
import { ShopsRepo } from '../metadata/index.js';
import { notice, outputFormat, printRows } from './output.js';
import { withStores } from './with-stores.js';

export function registerShops(program: Command): void {
  const shops = program.command('shops').description('Create and list shops');

  shops
    .command('create')
    .description('Create a shop (and its organization when it does not exist yet)')
    .requiredOption('--slug <slug>', 'URL name, e.g. acme-tea')
    .requiredOption('--name <name>', 'display name')
    .option('--currency <code>', 'ISO 4217 currency', 'CNY')
    .option('--time-zone <zone>', 'IANA time zone for day boundaries', 'Asia/Shanghai')
    .option('--org <name>', 'organization name', 'Default organization')
    .option('--json', 'print the shop as JSON')
    .action(async (opts: { slug: string; name: string; currency: string; timeZone: string; org: string; json?: boolean }) => {
      await withStores('shops create', async (stores) => {
        const repo = new ShopsRepo(stores.metadata);
        const org = (await repo.listOrganizations()).find((o) => o.name === opts.org) ?? (await repo.createOrganization(opts.org));
        const shop = await repo.create({
          organizationId: org.id,
          slug: opts.slug,
          name: opts.name,
          currency: opts.currency,
          timeZone: opts.timeZone,
        });
        // The shop itself, as the help says (not a list of one).
        if (opts.json) process.stdout.write(`${JSON.stringify(shop, null, 2)}\n`);
        else notice(`created shop ${shop.slug} (id ${shop.id}) in organization "${org.name}"`);
      });
    });

  shops
    .command('list')
    .description('List shops')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV')
    .action(async (opts: { json?: boolean; csv?: boolean }) => {
      await withStores('shops list', async (stores) => {
        const rows = (await new ShopsRepo(stores.metadata).list()).map((s) => ({
          id: s.id,
          slug: s.slug,
          name: s.name,
          currency: s.currency,
          time_zone: s.time_zone,
          organization_id: s.organization_id,
        }));
        printRows(rows, outputFormat(opts), ['id', 'slug', 'name', 'currency', 'time_zone', 'organization_id']);
      });
    });
}
