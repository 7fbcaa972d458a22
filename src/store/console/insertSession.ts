import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** Stores a console session under the hash of its cookie. */
export async function insertSession(
  db: Kysely<DB>,
  s: {
    idHash: string;
    userId: number;
    tokenId: number | null;
    csrfToken: string;
    now: number;
    expiresAt: number;
  },
): Promise<void> {
  await db
    .insertInto('console_sessions')
    .values({
      id_hash: s.idHash,
      user_id: s.userId,
      token_id: s.tokenId,
      csrf_token: s.csrfToken,
      created_at: s.now,
      expires_at: s.expiresAt,
      last_seen_at: s.now,
    })
    .execute();
}
