import type { Database, Statement } from 'better-sqlite3';

const cache = new WeakMap<Database, Statement>();

/** Sets a stored message's status (and its job or reason when given). */
export function markInbox(
  raw: Database,
  id: number,
  status: string,
  now: number,
  details: { jobId?: number; reason?: string } = {},
): void {
  let stmt = cache.get(raw);
  if (!stmt) {
    stmt = raw.prepare(
      `update inbox set status = ?, processed_at = ?, job_id = coalesce(?, job_id), reason = coalesce(?, reason) where id = ?`,
    );
    cache.set(raw, stmt);
  }
  stmt.run(status, now, details.jobId ?? null, details.reason ?? null, id);
}
