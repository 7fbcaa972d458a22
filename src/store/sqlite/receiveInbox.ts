import type { Database, Statement } from 'better-sqlite3';
import type { InboxMessage } from '../types.js';

const cache = new WeakMap<Database, { insert: Statement; dup: Statement; mark: Statement }>();

function statements(raw: Database): { insert: Statement; dup: Statement; mark: Statement } {
  let s = cache.get(raw);
  if (!s) {
    s = {
      insert: raw.prepare(
        `insert into inbox (source, kind, received_at, headers, body, signature, dedupe_key, status, reason, job_id)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing returning id`,
      ),
      dup: raw.prepare(
        `update inbox set duplicate_count = duplicate_count + 1, last_duplicate_at = ? where dedupe_key = ? returning id`,
      ),
      mark: raw.prepare(
        `update inbox set status = ?, processed_at = ?, job_id = coalesce(?, job_id), reason = coalesce(?, reason) where id = ?`,
      ),
    };
    cache.set(raw, s);
  }
  return s;
}

/**
 * The inbox write on the intake hot path, as prepared statements (Kysely compiles each query anew).
 * Same semantics as common/inbox.ts. Caller holds the connection.
 */
export function receiveInbox(raw: Database, m: InboxMessage): { id: number; duplicate: boolean } {
  const id = insertInbox(raw, m, null);
  return id === undefined ? { id: countDuplicate(raw, m), duplicate: true } : { id, duplicate: false };
}

/** Inserts the row (with its job's id when known); undefined when the dedupe key is already stored. */
export function insertInbox(raw: Database, m: InboxMessage, jobId: number | null): number | undefined {
  const row = statements(raw).insert.get(
    m.source,
    m.kind,
    m.receivedAt,
    JSON.stringify(m.headers),
    m.body,
    m.signature,
    m.dedupeKey,
    m.status,
    m.reason ?? null,
    jobId,
  ) as { id: number } | undefined;
  return row?.id;
}

/** Counts a repeated delivery on the stored original; returns the original's id. */
export function countDuplicate(raw: Database, m: InboxMessage): number {
  return (statements(raw).dup.get(m.receivedAt, m.dedupeKey) as { id: number }).id;
}

export function markInbox(
  raw: Database,
  id: number,
  status: string,
  now: number,
  details: { jobId?: number; reason?: string } = {},
): void {
  statements(raw).mark.run(status, now, details.jobId ?? null, details.reason ?? null, id);
}
