import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { toSavedView, type SavedViewRow } from './rows.js';

/**
 * Deletes a view of this user; undefined when the user has no view of that id (another user's
 * view is as absent as one that never existed).
 */
export async function deleteView(
  db: Kysely<DB>,
  userId: number,
  id: number,
): Promise<SavedViewRow | undefined> {
  const r = await db
    .deleteFrom('saved_views')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .returningAll()
    .executeTakeFirst();
  return r ? toSavedView(r) : undefined;
}
