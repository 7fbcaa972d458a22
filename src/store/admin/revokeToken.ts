import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** Revokes a live token; false when it was already revoked or does not exist. */
export async function revokeToken(db: Kysely<DB>, id: number, actor: string, now: number): Promise<boolean> {
  const r = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now, revoked_by: actor })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
