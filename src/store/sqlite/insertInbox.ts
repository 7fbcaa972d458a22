import type { Database, Statement } from 'better-sqlite3';
import type { InboxMessage } from '../types.js';

interface Statements {
  insert: Statement;
  insertWithId: Statement;
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
    };
    cache.set(raw, s);
  }
  return s;
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
