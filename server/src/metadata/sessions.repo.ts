/** Sign-in sessions: a random token in an httpOnly cookie; only its hash is stored. */
import { createHash, randomBytes } from 'node:crypto';
import type { MetadataDb } from './open-metadata.js';

export const SESSION_DAYS = 14;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export class SessionsRepo {
  constructor(private readonly db: MetadataDb) {}

  async create(userId: number): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
    await this.db
      .insertInto('sessions')
      .values({ token_hash: hashToken(token), user_id: userId, csrf_token: csrfToken, expires_at: expiresAt })
      .execute();
    return { token, csrfToken, expiresAt };
  }

  async find(token: string): Promise<{ userId: number; csrfToken: string } | undefined> {
    const row = await this.db
      .selectFrom('sessions')
      .select(['user_id', 'csrf_token', 'expires_at'])
      .where('token_hash', '=', hashToken(token))
      .executeTakeFirst();
    if (!row || new Date(row.expires_at).getTime() < Date.now()) return undefined;
    return { userId: row.user_id, csrfToken: row.csrf_token };
  }

  async delete(token: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
  }

  /** Signs a user out everywhere (after a password change). */
  async deleteForUser(userId: number, except?: string): Promise<void> {
    let q = this.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (except) q = q.where('token_hash', '!=', hashToken(except));
    await q.execute();
  }
}
