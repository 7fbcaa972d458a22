import type { Kysely } from 'kysely';
import type { Dialect } from '../port.js';
import type { DB } from '../schema.js';

/**
 * Locks these jobs' rows in id order (PostgreSQL; SQLite's one writer needs no row locks). A
 * transaction that then updates them one by one, in whatever order, cannot deadlock against a
 * heartbeat or a batch completion, which lock in id order too.
 */
export async function lockJobs(db: Kysely<DB>, dialect: Dialect, ids: number[]): Promise<void> {
  if (dialect !== 'postgres' || ids.length === 0) return;
  await db.selectFrom('jobs').select('id').where('id', 'in', ids).orderBy('id').forUpdate().execute();
}
