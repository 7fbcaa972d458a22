import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/**
 * Appends many mapping versions in one statement (an import's chunk), each with the version its
 * caller computed from the latest one it read in the same transaction: the unique index on
 * (kind, scope, key, version) refuses the statement if another writer got there first.
 */
export async function appendMappings(
  db: Kysely<DB>,
  rows: readonly { kind: string; scope: string; key: string; value: string | null; version: number }[],
  by: { actor: string; now: number },
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('mappings')
    .values(rows.map((r) => ({ ...r, created_at: by.now, created_by: by.actor })))
    .execute();
}
