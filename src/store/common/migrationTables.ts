import { type Kysely } from 'kysely';

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
export type AnyKysely = Kysely<any>;

export const TABLE = 'kysely_migration';

/** The table the previous mechanism recorded applied versions in. */
export const LEGACY_TABLE = 'ferry_migrations';

/** A migration's name in Kysely's table: its version, zero-padded so names sort as numbers. */
export function migrationName(version: number): string {
  return String(version).padStart(4, '0');
}
