import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { BadRequestError } from '../errors.js';
import { AuditRepo, ROLES, type Role, ShopsRepo, UsersRepo } from '../metadata/index.js';
import { notice, outputFormat, printRows } from './output.js';
import { withStores } from './with-stores.js';

export function generatedPassword(): string {
  return randomBytes(12).toString('base64url');
}

export function registerUsers(program: Command): void {
  const users = program.command('users').description('People who sign in, and their roles');

  users
    .command('create')
    .description('Create a user (or give an existing one a role) in an organization')
    .requiredOption('--email <email>', 'e-mail address used to sign in')
    .requiredOption('--org <name>', 'organization name')
    .option('--role <role>', ROLES.join(' | '), 'viewer')
    .option('--password <password>', 'initial password (default: generated and printed once); or set STORELENS_NEW_PASSWORD')
    .action(async (opts: { email: string; org: string; role: string; password?: string }) => {
      if (!(ROLES as readonly string[]).includes(opts.role)) throw new BadRequestError(`--role must be one of ${ROLES.join(', ')}`);
      await withStores('users create', async (stores) => {
        const orgs = await new ShopsRepo(stores.metadata).listOrganizations();
        const org = orgs.find((o) => o.name === opts.org);
        if (!org)
          throw new BadRequestError(`No organization "${opts.org}". Organizations: ${orgs.map((o) => o.name).join(', ') || '(none)'}.`);
        const repo = new UsersRepo(stores.metadata);
        let user = await repo.findByEmail(opts.email);
        let password: string | undefined;
        if (!user) {
          password = opts.password ?? process.env.STORELENS_NEW_PASSWORD ?? generatedPassword();
          user = await repo.create({ email: opts.email, password });
        }
        await repo.setMembership(org.id, user.id, opts.role as Role);
        await new AuditRepo(stores.metadata).record({
          actor: 'cli',
          action: 'member.role-set',
          organizationId: org.id,
          detail: { user: user.email, role: opts.role },
        });
        notice(`${user.email} is ${opts.role} of "${org.name}".`);
        if (password && !opts.password && !process.env.STORELENS_NEW_PASSWORD) notice(`initial password (shown once): ${password}`);
      });
    });

  users
    .command('list')
    .description('List users and their roles')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV')
    .action(async (opts: { json?: boolean; csv?: boolean }) => {
      await withStores('users list', async (stores) => {
        const repo = new UsersRepo(stores.metadata);
        const rows = [];
        for (const u of await repo.list()) {
          const roles = (await repo.memberships(u.id)).map((m) => `${m.role} of ${m.organizationName}`).join('; ');
          rows.push({ id: u.id, email: u.email, name: u.display_name, roles, disabled: u.disabled_at ? 'yes' : '' });
        }
        printRows(rows, outputFormat(opts), ['id', 'email', 'name', 'roles', 'disabled']);
      });
    });
}
