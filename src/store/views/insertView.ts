import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { toSavedView, type SavedViewRow } from './rows.js';

/**
 * Saves a view under a user, or replaces the query of the view the user already has under that
 * name on that screen (saving "my open SKU problems" again updates it instead of failing).
 */
export async function insertView(
  db: Kysely<DB>,
  v: { userId: number; screen: string; name: string; query: string; now: number },
): Promise<SavedViewRow> {
  const r = await db
    .insertInto('saved_views')
    .values({ user_id: v.userId, screen: v.screen, name: v.name, query: v.query, created_at: v.now })
    .onConflict((oc) => oc.columns(['user_id', 'screen', 'name']).doUpdateSet({ query: v.query }))
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSavedView(r);
}
