/**
 * The Kysely handle behind a store or a session, for tests that read or write raw rows. Only tests
 * reach it: the store's port shows role interfaces, never the handle.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../store/index.js';
import { handleOf } from '../store/handle.js';

export function storeDb(storeOrSession: object): Kysely<DB> {
  return handleOf(storeOrSession);
}
