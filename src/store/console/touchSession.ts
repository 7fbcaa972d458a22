import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/**
 * Slides a session's idle expiry forward (never past its absolute end); at most once a minute,
 * so polling reads do not turn into a write per request.
 */
export async function touchSession(
  db: Kysely<DB>,
  idHash: string,
  s: { now: number; expiresAt: number },
): Promise<void> {
  await db
    .updateTable('console_sessions')
    .set({ last_seen_at: s.now, expires_at: s.expiresAt })
    .where('id_hash', '=', idHash)
    .where('last_seen_at', '<', s.now - 60_000)
    .execute();
}
