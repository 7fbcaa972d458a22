import {
  Migrator,
  sql,
  type Kysely,
  type Migration as KyselyMigration,
  type MigrationProvider,
} from 'kysely';
import type { Dialect } from '../port.js';
import { LATEST_VERSION, MIGRATIONS } from '../migrations/index.js';

/**
 * Migrations run through Kysely's Migrator. Each of Ferry's numbered migrations is a Kysely
 * migration named by its four-digit version ('0001' … ), so the Migrator's alphabetical order is
 * the numeric one; the Migrator records them in `kysely_migration` and takes its own lock.
 *
 * Databases migrated before the Migrator recorded their versions in `ferry_migrations`
 * (version, name, applied_at). {@link adoptLegacyMigrations} copies those records into the
 * Migrator's table once, so such a database is recognised at the version it reached and only the
 * migrations it lacks are applied. `ferry_migrations` is left as it was (no longer written).
 */

/** Any schema: these functions touch only the migration tables, through raw SQL. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyKysely = Kysely<any>;

/** Arbitrary constant: the advisory lock that serialises the adoption of `ferry_migrations`. */
const ADOPTION_LOCK = 730_340_101;
const TABLE = 'kysely_migration';
/** The table the previous mechanism recorded applied versions in. */
const LEGACY_TABLE = 'ferry_migrations';

/** A migration's name in Kysely's table: its version, zero-padded so names sort as numbers. */
export function migrationName(version: number): string {
  return String(version).padStart(4, '0');
}

function versionOf(name: string): number {
  const v = Number(name);
  if (!Number.isInteger(v) || v <= 0) throw new Error(`migration table holds an unknown migration "${name}"`);
  return v;
}

/** Ferry's migrations for one dialect, as Kysely's Migrator reads them. */
export function migrationProvider(dialect: Dialect): MigrationProvider {
  return {
    getMigrations: () =>
      Promise.resolve(
        Object.fromEntries(
          MIGRATIONS.map((m): [string, KyselyMigration] => [
            migrationName(m.version),
            {
              async up(db) {
                for (const stmt of m[dialect]) await sql.raw(stmt).execute(db);
              },
            },
          ]),
        ),
      ),
  };
}

/**
 * Applies pending migrations with Kysely's Migrator and returns the versions it applied, in order.
 * A failing migration throws, naming it. Atomicity: on PostgreSQL the Migrator runs all pending
 * migrations in one transaction under an advisory lock (processes that start together take turns:
 * the first applies, the others find nothing to do). SQLite's adapter runs without a transaction,
 * so the caller passes a Kysely on a connection already inside BEGIN IMMEDIATE: a failure then
 * leaves nothing half-written either.
 */
export async function migrateToLatest(db: AnyKysely, dialect: Dialect): Promise<number[]> {
  const migrator = new Migrator({ db, provider: migrationProvider(dialect) });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName;
    const cause = error instanceof Error ? error.message : JSON.stringify(error);
    throw new Error(
      failed
        ? `migration ${failed} (${MIGRATIONS.find((m) => m.version === versionOf(failed))?.name}) failed: ${cause}`
        : `migrations failed: ${cause}`,
      { cause: error },
    );
  }
  return results.filter((r) => r.status === 'Success').map((r) => versionOf(r.migrationName));
}

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

/**
 * The version the database is at (the highest migration recorded) and the latest this Ferry has.
 * A database not yet upgraded from `ferry_migrations` reads at the version recorded there.
 */
export async function migrationVersion(db: AnyKysely): Promise<{ current: number; latest: number }> {
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
