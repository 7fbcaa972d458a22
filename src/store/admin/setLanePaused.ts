import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** Sets a lane's pause flag; returns the previous value. */
export async function setLanePaused(
  db: Kysely<DB>,
  name: string,
  paused: boolean,
  now: number,
): Promise<boolean> {
  const before = await db.selectFrom('lanes').select('paused').where('name', '=', name).executeTakeFirst();
  await db
    .insertInto('lanes')
    .values({ name, paused: paused ? 1 : 0, updated_at: now })
    .onConflict((oc) => oc.column('name').doUpdateSet({ paused: paused ? 1 : 0, updated_at: now }))
    .execute();
  return Number(before?.paused ?? 0) === 1;
}
