import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** Records use at most once a minute per token, so reads do not turn into a write per request. */
export async function touchToken(db: Kysely<DB>, id: number, now: number): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', now - 60_000)]))
    .execute();
}
