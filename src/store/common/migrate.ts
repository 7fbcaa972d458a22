import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Dialect } from '../port.js';
import type { DB } from '../schema.js';
import { LATEST_VERSION, MIGRATIONS } from '../migrations/index.js';

/** Arbitrary constant: the advisory lock that serialises migrations across processes. */
const MIGRATION_LOCK = 730_340_101;

/**
 * Applies pending migrations. Run inside one transaction, so a failing migration leaves nothing
 * half-written (both dialects have transactional DDL). On PostgreSQL an advisory lock makes
 * processes that start together take turns: the first applies, the others find nothing to do.
 */
export async function applyMigrations(db: Kysely<DB>, dialect: Dialect, now: number): Promise<number[]> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(db);
  await sql`create table if not exists ferry_migrations (version integer primary key, name text not null, applied_at ${sql.raw(dialect === 'postgres' ? 'bigint' : 'integer')} not null)`.execute(
    db,
  );
  const done = new Set(
    (await db.selectFrom('ferry_migrations').select('version').execute()).map((r) => Number(r.version)),
  );
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    if (done.has(m.version)) continue;
    for (const stmt of m[dialect]) await sql.raw(stmt).execute(db);
    await db
      .insertInto('ferry_migrations')
      .values({ version: m.version, name: m.name, applied_at: now })
      .execute();
    applied.push(m.version);
  }
  return applied;
}

export async function migrationVersion(db: Kysely<DB>): Promise<{ current: number; latest: number }> {
  try {
    const r = await db
      .selectFrom('ferry_migrations')
      .select((eb) => eb.fn.max('version').as('v'))
      .executeTakeFirst();
    return { current: Number(r?.v ?? 0), latest: LATEST_VERSION };
  } catch (e) {
    // Only a store never migrated reads as version 0; an unreachable one must not pass for it.
    if (isMissingTable(e)) return { current: 0, latest: LATEST_VERSION };
    throw e;
  }
}

/** PostgreSQL's undefined_table (42P01), or SQLite's "no such table". */
function isMissingTable(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown };
  return err.code === '42P01' || (typeof err.message === 'string' && err.message.includes('no such table'));
}
