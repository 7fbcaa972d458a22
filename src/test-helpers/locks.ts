import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/index.js';
import { waitFor } from './stores.js';

/**
 * Resolves once some other session of this PostgreSQL database waits on a row or table lock. Asked
 * through `db` outside any transaction: inside one, pg_stat_activity is a snapshot taken at its
 * first read and never shows a wait that began later.
 */
export async function waitForLockWait(db: Kysely<DB>, what: string): Promise<void> {
  await waitFor(async () => {
    const r = await sql<{ n: string }>`
      select count(*) as n from pg_stat_activity
      where wait_event_type = 'Lock' and datname = current_database()`.execute(db);
    return Number(r.rows[0]!.n) > 0;
  }, what);
}
