import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/**
 * Marks an unused, unexpired link used and returns its user id; null when it was used already,
 * expired or never existed. One conditional update, so two clicks racing sign in at most once.
 */
export async function consumeLoginLink(
  db: Kysely<DB>,
  linkHash: string,
  now: number,
): Promise<number | null> {
  const r = await db
    .updateTable('login_links')
    .set({ used_at: now })
    .where('link_hash', '=', linkHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('user_id')
    .executeTakeFirst();
  return r ? Number(r.user_id) : null;
}
