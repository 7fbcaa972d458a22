import type { Database, Statement } from 'better-sqlite3';
import type { LeaseHandle } from '../types.js';

const cache = new WeakMap<Database, Statement>();

/** Completes jobs whose lease is still held; returns their ids. Caller holds the connection. */
export function completeJobs(raw: Database, handles: LeaseHandle[], now: number): number[] {
  let stmt = cache.get(raw);
  if (!stmt) {
    stmt = raw.prepare(
      `update jobs set state = 'completed', completed_at = @now, updated_at = @now, lease_until = null
       where id = @id and lease_token = @token and state = 'running'`,
    );
    cache.set(raw, stmt);
  }
  const done: number[] = [];
  for (const h of handles) {
    if (stmt.run({ id: h.id, token: h.token, now }).changes === 1) done.push(h.id);
  }
  return done;
}
