import type { Database, Statement } from 'better-sqlite3';
import type { PreparedJob } from '../port.js';
import type { EnqueueResult } from '../types.js';

const COLUMNS = `lane, task, payload, priority, run_at, max_attempts, ordering_key, idempotency_key,
  partner, trace, created_at, updated_at`;

const cache = new WeakMap<Database, { insert: Statement; insertWithId: Statement; byKey: Statement }>();

function statements(raw: Database): { insert: Statement; insertWithId: Statement; byKey: Statement } {
  let s = cache.get(raw);
  if (!s) {
    s = {
      insert: raw.prepare(
        `insert into jobs (${COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         on conflict do nothing returning id`,
      ),
      insertWithId: raw.prepare(
        `insert into jobs (${COLUMNS}, id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         on conflict do nothing`,
      ),
      byKey: raw.prepare(`select id from jobs where idempotency_key = ?`),
    };
    cache.set(raw, s);
  }
  return s;
}

/**
 * Inserts jobs; an existing idempotency key yields the existing job. Caller holds the connection.
 * `firstId` gives the jobs consecutive ids from there (the caller knows them to be free).
 */
export function enqueueJobs(
  raw: Database,
  jobs: PreparedJob[],
  now: number,
  firstId?: number,
): EnqueueResult[] {
  const { insert, insertWithId, byKey } = statements(raw);
  let id = firstId;
  return jobs.map((j) => {
    const values = [
      j.lane,
      j.task,
      j.payloadJson,
      j.priority,
      j.runAt,
      j.maxAttempts,
      j.orderingKey ?? null,
      j.idempotencyKey ?? null,
      j.partner ?? null,
      j.trace ?? null,
      now,
      now,
    ];
    if (id !== undefined) {
      if (insertWithId.run(...values, id).changes) return { id: id++, created: true };
    } else {
      const row = insert.get(...values) as { id: number } | undefined;
      if (row) return { id: row.id, created: true };
    }
    const existing = byKey.get(j.idempotencyKey) as { id: number };
    return { id: existing.id, created: false };
  });
}
