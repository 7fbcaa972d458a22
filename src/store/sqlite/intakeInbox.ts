import type { Database, Statement } from 'better-sqlite3';
import type { IntakeItem, IntakeResult } from '../port.js';
import { enqueueJobs } from './enqueueJobs.js';
import { countDuplicate } from './countDuplicate.js';
import { insertInbox } from './insertInbox.js';
import { markInbox } from './markInbox.js';

interface Statements {
  nextId: Statement;
}

const cache = new WeakMap<Database, Statements>();

function statements(raw: Database): Statements {
  let s = cache.get(raw);
  if (!s) {
    s = {
      // AUTOINCREMENT never reuses an id, even one whose row was purged: sqlite_sequence knows.
      nextId: raw
        .prepare(
          `select max(coalesce((select seq from sqlite_sequence where name = 'jobs'), 0),
                      coalesce((select max(id) from jobs), 0)) + 1,
                  max(coalesce((select seq from sqlite_sequence where name = 'inbox'), 0),
                      coalesce((select max(id) from inbox), 0)) + 1`,
        )
        .raw(),
    };
    cache.set(raw, s);
  }
  return s;
}

/**
 * The webhook intake's group commit on SQLite, synchronously inside the caller's write transaction
 * (it holds the connection and has begun IMMEDIATE, so no other writer can take an id meanwhile).
 * Each message's ids are known before its rows are written, so the inbox row is inserted with its
 * job's id: two statements per message instead of insert, enqueue and update, neither with RETURNING.
 */
export function intakeInbox(
  raw: Database,
  items: readonly IntakeItem[],
  now: number,
  /** Receives the lane of each job enqueued, to wake after commit. */
  lanes: Set<string>,
): IntakeResult[] {
  let [nextJob, nextInbox] = statements(raw).nextId.get() as [number, number];
  return items.map(({ msg: m, job }): IntakeResult => {
    const inboxId = insertInbox(raw, m, job ? nextJob : null, nextInbox);
    if (inboxId === undefined) return { duplicate: true, inboxId: countDuplicate(raw, m) };
    nextInbox++;
    if (!job) return { duplicate: false, inboxId, jobId: null };
    const prepared = job(inboxId);
    lanes.add(prepared.lane);
    const [res] = enqueueJobs(raw, [prepared], now, nextJob);
    if (res!.created) nextJob++;
    // An idempotency key already queued: the message belongs to that job instead.
    else markInbox(raw, inboxId, m.status, now, { jobId: res!.id });
    return { duplicate: false, inboxId, jobId: res!.id };
  });
}
