import type { Database, Statement } from 'better-sqlite3';
import type { InboxMessage } from '../types.js';

interface Statements {
  insert: Statement;
  insertWithId: Statement;
  dup: Statement;
  mark: Statement;
}

const cache = new WeakMap<Database, Statements>();

const COLUMNS = 'source, kind, received_at, headers, body, signature, dedupe_key, status, reason, job_id';

function statements(raw: Database): Statements {
  let s = cache.get(raw);
  if (!s) {
    s = {
      insert: raw.prepare(
        `insert into inbox (${COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing returning id`,
      ),
      insertWithId: raw.prepare(
        `insert into inbox (${COLUMNS}, id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing`,
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

/**
 * Inserts the row (with its job's id when known); undefined when the dedupe key is already stored.
 * `id`, when given, is the row's id, known free to the caller (no RETURNING needed then).
 */
export function insertInbox(
  raw: Database,
  m: InboxMessage,
  jobId: number | null,
  id?: number,
): number | undefined {
  const values = [
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
  ];
  if (id !== undefined) return statements(raw).insertWithId.run(...values, id).changes ? id : undefined;
  return (statements(raw).insert.get(...values) as { id: number } | undefined)?.id;
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
