import type { Database, Statement } from 'better-sqlite3';
import type { InboxMessage } from '../types.js';

const cache = new WeakMap<Database, Statement>();

/** Counts a repeated delivery on the stored original; returns the original's id. */
export function countDuplicate(raw: Database, m: InboxMessage): number {
  let stmt = cache.get(raw);
  if (!stmt) {
    stmt = raw.prepare(
      `update inbox set duplicate_count = duplicate_count + 1, last_duplicate_at = ? where dedupe_key = ? returning id`,
    );
    cache.set(raw, stmt);
  }
  return (stmt.get(m.receivedAt, m.dedupeKey) as { id: number }).id;
}
