import type { Database } from 'better-sqlite3';
import type { InboxMessage } from '../types.js';
import { insertInbox } from './insertInbox.js';
import { countDuplicate } from './countDuplicate.js';

/**
 * The inbox write on the intake hot path, as prepared statements (Kysely compiles each query anew).
 * Same semantics as postgres/receiveInbox.ts. Caller holds the connection.
 */
export function receiveInbox(raw: Database, m: InboxMessage): { id: number; duplicate: boolean } {
  const id = insertInbox(raw, m, null);
  return id === undefined ? { id: countDuplicate(raw, m), duplicate: true } : { id, duplicate: false };
}
