import { Migrator, sql, type Migration as KyselyMigration, type MigrationProvider } from 'kysely';
import type { Dialect } from '../port.js';
import { MIGRATIONS } from '../migrations/index.js';
import { type AnyKysely, migrationName } from './migrationTables.js';

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
