import { sql } from 'kysely';
import type { Dialect } from '../port.js';
import { MIGRATIONS } from '../migrations/index.js';
import { type AnyKysely, LEGACY_TABLE, TABLE, migrationName } from './migrationTables.js';

/** Arbitrary constant: the advisory lock that serialises the adoption of `ferry_migrations`. */
const ADOPTION_LOCK = 730_340_101;

/**
 * Recognises a database migrated by the previous mechanism: when `ferry_migrations` exists and
 * Kysely's table records nothing yet, each version recorded there is recorded in Kysely's table
 * (with the time it was applied) before the Migrator runs. Returns the versions adopted. Idempotent;
 * on PostgreSQL it takes its own transaction-scoped lock, so two processes upgrading at once adopt
 * once. `db` must be inside a transaction (PostgreSQL: for the lock; SQLite: so the copy is atomic).
 */
export async function adoptLegacyMigrations(db: AnyKysely, dialect: Dialect): Promise<number[]> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${ADOPTION_LOCK})`.execute(db);
  if (!(await tableExists(db, dialect, LEGACY_TABLE))) return [];
  await sql`create table if not exists ${sql.table(TABLE)} (name varchar(255) not null primary key, timestamp varchar(255) not null)`.execute(
    db,
  );
  const recorded = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(TABLE)}`.execute(
    db,
  );
  if (Number(recorded.rows[0]?.n ?? 0) > 0) return [];
  const legacy = await sql<{
    version: number | string;
    applied_at: number | string;
  }>`select version, applied_at from ${sql.table(LEGACY_TABLE)} order by version`.execute(db);
  const known = new Set(MIGRATIONS.map((m) => m.version));
  for (const row of legacy.rows) {
    const version = Number(row.version);
    if (!known.has(version))
      throw new Error(
        `${LEGACY_TABLE} records migration ${version}, which this Ferry does not have (a newer Ferry migrated this database)`,
      );
    await sql`insert into ${sql.table(TABLE)} (name, timestamp) values (${migrationName(version)}, ${new Date(Number(row.applied_at)).toISOString()})`.execute(
      db,
    );
  }
  return legacy.rows.map((r) => Number(r.version));
}

async function tableExists(db: AnyKysely, dialect: Dialect, name: string): Promise<boolean> {
  const r =
    dialect === 'postgres'
      ? await sql`select 1 from information_schema.tables where table_schema = current_schema() and table_name = ${name}`.execute(
          db,
        )
      : await sql`select 1 from sqlite_master where type = 'table' and name = ${name}`.execute(db);
  return r.rows.length > 0;
}
