import { sql } from 'kysely';
import { LATEST_VERSION } from '../migrations/index.js';
import type { MigrationStatus } from '../port.js';
import { type AnyKysely, LEGACY_TABLE, TABLE } from './migrationTables.js';

/**
 * The version the database is at (the highest migration recorded) and the latest this Ferry has.
 * A database not yet upgraded from `ferry_migrations` reads at the version recorded there.
 */
export async function migrationVersion(db: AnyKysely): Promise<MigrationStatus> {
  for (const [table, column] of [
    [TABLE, 'name'],
    [LEGACY_TABLE, 'version'],
  ] as const) {
    try {
      const r = await sql<{
        v: number | string | null;
      }>`select max(${sql.ref(column)}) as v from ${sql.table(table)}`.execute(db);
      const v = r.rows[0]?.v;
      return { current: v === null || v === undefined ? 0 : Number(v), latest: LATEST_VERSION };
    } catch (e) {
      // Only a store never migrated reads as version 0; an unreachable one must not pass for it.
      if (!isMissingTable(e)) throw e;
    }
  }
  return { current: 0, latest: LATEST_VERSION };
}

/** PostgreSQL's undefined_table (42P01), or SQLite's "no such table". */
function isMissingTable(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown };
  return err.code === '42P01' || (typeof err.message === 'string' && err.message.includes('no such table'));
}
