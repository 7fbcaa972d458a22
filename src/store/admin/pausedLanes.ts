import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** Paused lanes by name; a lane absent from the table runs. */
export async function pausedLanes(db: Kysely<DB>): Promise<Set<string>> {
  const rows = await db.selectFrom('lanes').select('name').where('paused', '=', 1).execute();
  return new Set(rows.map((r) => r.name));
}
