import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** Stores a sign-in link under the hash of its secret. */
export async function insertLoginLink(
  db: Kysely<DB>,
  l: { linkHash: string; userId: number; actor: string; now: number; expiresAt: number },
): Promise<void> {
  await db
    .insertInto('login_links')
    .values({
      link_hash: l.linkHash,
      user_id: l.userId,
      created_at: l.now,
      created_by: l.actor,
      expires_at: l.expiresAt,
    })
    .execute();
}
