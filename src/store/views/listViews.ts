import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { toSavedView, type SavedViewRow } from './rows.js';

/** One user's views, of one screen or all, by name. */
export async function listViews(db: Kysely<DB>, userId: number, screen?: string): Promise<SavedViewRow[]> {
  let q = db.selectFrom('saved_views').selectAll().where('user_id', '=', userId);
  if (screen !== undefined) q = q.where('screen', '=', screen);
  const rows = await q.orderBy('screen').orderBy('name').execute();
  return rows.map(toSavedView);
}
