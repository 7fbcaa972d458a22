import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { whereExceptions, type ExceptionPageFilter } from './exceptionPage.js';

/** Ids of every exception matching the filter, oldest first, at most `limit` (a bulk action's set). */
export async function exceptionIds(db: Kysely<DB>, f: ExceptionPageFilter, limit: number): Promise<number[]> {
  const rows = await whereExceptions(db.selectFrom('exceptions'), f)
    .select('id')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => Number(r.id));
}
