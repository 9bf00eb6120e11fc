/** Users and their memberships (role per organization). Passwords are stored as argon2id hashes. */
import { randomBytes } from 'node:crypto';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from '../auth/passwords.js';
import { BadRequestError, ConflictError, NotFoundError } from '../errors.js';
import type { MetadataDb } from './open-metadata.js';
import { ROLES, type Role, type User } from './schema.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface MembershipView {
  organizationId: number;
  organizationName: string;
  role: Role;
}

export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new BadRequestError(`A password needs at least ${MIN_PASSWORD_LENGTH} characters.`, 'password');
}

export class UsersRepo {
  constructor(private readonly db: MetadataDb) {}

  async create(input: { email: string; displayName?: string; password: string }): Promise<User> {
    const email = input.email.trim().toLowerCase();
    if (!EMAIL.test(email)) throw new BadRequestError(`"${input.email}" is not an e-mail address.`, 'email');
    checkPassword(input.password);
    if (await this.findByEmail(email)) throw new ConflictError(`A user with e-mail ${email} already exists.`);
    return this.db
      .insertInto('users')
      .values({
        email,
        display_name: input.displayName?.trim() || email.split('@')[0] || email,
        password_hash: await hashPassword(input.password),
        disabled_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async findByEmail(email: string): Promise<User | undefined> {
    return this.db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
  }

  async get(id: number): Promise<User> {
    const user = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    if (!user) throw new NotFoundError(`No user ${id}.`);
    return user;
  }

  async list(): Promise<User[]> {
    return this.db.selectFrom('users').selectAll().orderBy('id').execute();
  }

  /** The user for these credentials, or undefined; the same work is done for unknown e-mails. */
  async authenticate(email: string, password: string): Promise<User | undefined> {
    const user = await this.findByEmail(email);
    const ok = await verifyPassword(user?.password_hash ?? (await dummy()), password);
    return ok && user && !user.disabled_at ? user : undefined;
  }

  async changePassword(userId: number, current: string, next: string): Promise<void> {
    const user = await this.get(userId);
    if (!(await verifyPassword(user.password_hash ?? (await dummy()), current)))
      throw new BadRequestError('The current password is wrong.', 'current');
    checkPassword(next);
    await this.db
      .updateTable('users')
      .set({ password_hash: await hashPassword(next) })
      .where('id', '=', userId)
      .execute();
  }

  async setMembership(organizationId: number, userId: number, role: Role): Promise<void> {
    if (!ROLES.includes(role)) throw new BadRequestError(`Role must be one of ${ROLES.join(', ')}.`, 'role');
    await this.db
      .insertInto('memberships')
      .values({ organization_id: organizationId, user_id: userId, role })
      .onConflict((oc) => oc.columns(['organization_id', 'user_id']).doUpdateSet({ role }))
      .execute();
  }

  async memberships(userId: number): Promise<MembershipView[]> {
    const rows = await this.db
      .selectFrom('memberships')
      .innerJoin('organizations', 'organizations.id', 'memberships.organization_id')
      .select(['memberships.organization_id as organizationId', 'organizations.name as organizationName', 'memberships.role as role'])
      .where('memberships.user_id', '=', userId)
      .orderBy('memberships.organization_id')
      .execute();
    return rows as MembershipView[];
  }

  async removeMembership(organizationId: number, userId: number): Promise<void> {
    await this.db.deleteFrom('memberships').where('organization_id', '=', organizationId).where('user_id', '=', userId).execute();
  }
}

// A real argon2id hash of a random secret: verifying against it costs what a real check costs,
// so sign-in takes as long for unknown e-mails as for wrong passwords.
let dummyHash: Promise<string> | undefined;
function dummy(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(24).toString('hex'));
  return dummyHash;
}
