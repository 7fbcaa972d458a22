import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** Ends a session (sign-out); false when it was already ended or never existed. */
export async function revokeSession(db: Kysely<DB>, idHash: string, now: number): Promise<boolean> {
  const r = await db
    .updateTable('console_sessions')
    .set({ revoked_at: now })
    .where('id_hash', '=', idHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
