import type { Kysely } from 'kysely';
import { FerryError } from '../../core/errors.js';
import type { DB } from '../schema.js';

export interface LockOwner {
  holder: string;
  pid: number;
  host: string;
}

/**
 * Claims the embedded database for one Ferry process. Another holder blocks us while its heartbeat
 * is fresh and, on this host, its process is alive; a crashed holder's claim is taken over.
 * Run inside a transaction.
 */
export async function acquireRuntimeLock(
  db: Kysely<DB>,
  me: LockOwner,
  now: number,
  opts: { staleMs: number; isAlive: (pid: number) => boolean; location: string },
): Promise<void> {
  const row = await db.selectFrom('runtime_lock').selectAll().where('id', '=', 1).executeTakeFirst();
  if (row && row.holder !== me.holder) {
    const fresh = now - Number(row.heartbeat_at) < opts.staleMs;
    const alive = row.host !== me.host || opts.isAlive(Number(row.pid));
    if (fresh && alive) {
      throw new FerryError(
        'store_locked',
        `another Ferry process (pid ${row.pid} on ${row.host}) is using ${opts.location}. ` +
          `The embedded SQLite store serves one process; to run several Ferry processes, ` +
          `use PostgreSQL (FERRY_DB=postgres://user@host/db).`,
      );
    }
  }
  await db.deleteFrom('runtime_lock').where('id', '=', 1).execute();
  await db
    .insertInto('runtime_lock')
    .values({ id: 1, holder: me.holder, pid: me.pid, host: me.host, heartbeat_at: now })
    .execute();
}
