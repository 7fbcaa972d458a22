import type { Kysely } from 'kysely';
import type { DB } from './schema.js';

/**
 * The Kysely handle behind a store or session, kept out of their types: nothing outside the store
 * reaches it, except tests that look at raw rows (through test-helpers/storeDb.ts).
 */
const handles = new WeakMap<object, Kysely<DB>>();

/** Records the handle a store or session runs on. */
export function keepHandle(owner: object, db: Kysely<DB>): void {
  handles.set(owner, db);
}

/** The handle a store or session runs on (the transaction's, inside one). */
export function handleOf(owner: object): Kysely<DB> {
  const db = handles.get(owner);
  if (!db) throw new Error('not a store or store session');
  return db;
}
