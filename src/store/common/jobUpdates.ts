import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Dialect } from '../port.js';
import { sql } from 'kysely';
import type { DB } from '../schema.js';
import type { AttemptRecord, LeaseHandle } from '../types.js';
import { toJobRecord } from './rows.js';
import type { JobRecord } from '../types.js';

/** Puts a failed job back for a later attempt; false when the lease was lost. */
export async function retryJob(
  db: Kysely<DB>,
  h: LeaseHandle,
  runAt: number,
  errors: AttemptRecord[],
  now: number,
): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({
      state: 'ready',
      run_at: runAt,
      errors: JSON.stringify(errors),
      lease_until: null,
      locked_by: null,
      updated_at: now,
    })
    .where('id', '=', h.id)
    .where('lease_token', '=', h.token)
    .where('state', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Puts a job back without consuming the attempt its lease took. */
export async function deferJob(db: Kysely<DB>, h: LeaseHandle, runAt: number, now: number): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({
      state: 'ready',
      run_at: runAt,
      attempts: sql`attempts - 1`,
      lease_until: null,
      locked_by: null,
      updated_at: now,
    })
    .where('id', '=', h.id)
    .where('lease_token', '=', h.token)
    .where('state', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Extends the leases a worker still holds, by lease token; returns the ids extended. A handle
 * missing from the answer is a lease this worker no longer holds (recovered after it expired): the
 * worker must stop that job. Rows are locked in id order, the order every other multi-row writer
 * (completion, recovery) uses: updating them in scan order deadlocked against completions (issue
 * 16: "deadlock detected" 6 times in one run).
 */
export async function extendLeases(
  db: Kysely<DB>,
  dialect: Dialect,
  handles: LeaseHandle[],
  leaseUntil: number,
  now: number,
): Promise<number[]> {
  if (handles.length === 0) return [];
  const owned = (eb: ExpressionBuilder<DB, 'jobs'>) =>
    eb.or(handles.map((h) => eb.and([eb('id', '=', h.id), eb('lease_token', '=', h.token)])));
  let lock = db.selectFrom('jobs').select('id').where('state', '=', 'running').where(owned).orderBy('id');
  if (dialect === 'postgres') lock = lock.forUpdate();
  const rows = await db
    .updateTable('jobs')
    .set({ lease_until: leaseUntil, updated_at: now })
    .where('id', 'in', lock)
    .where('state', '=', 'running')
    .where(owned)
    .returning('id')
    .execute();
  return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}

/**
 * Locks these jobs' rows in id order (PostgreSQL; SQLite's one writer needs no row locks). A
 * transaction that then updates them one by one, in whatever order, cannot deadlock against a
 * heartbeat or a batch completion, which lock in id order too.
 */
export async function lockJobs(db: Kysely<DB>, dialect: Dialect, ids: number[]): Promise<void> {
  if (dialect !== 'postgres' || ids.length === 0) return;
  await db.selectFrom('jobs').select('id').where('id', 'in', ids).orderBy('id').forUpdate().execute();
}

export async function nextRunAt(db: Kysely<DB>, lanes: string[]): Promise<number | null> {
  if (lanes.length === 0) return null;
  const r = await db
    .selectFrom('jobs')
    .select((eb) => eb.fn.min('run_at').as('next'))
    .where('state', '=', 'ready')
    .where('lane', 'in', lanes)
    .executeTakeFirst();
  return r?.next === null || r?.next === undefined ? null : Number(r.next);
}

export async function getJob(db: Kysely<DB>, id: number): Promise<JobRecord | null> {
  const r = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toJobRecord(r) : null;
}

/**
 * Puts back every job a stopping worker still holds, without using their attempts, so another
 * process takes them at once instead of waiting for the leases to run out.
 */
export async function releaseLeases(
  db: Kysely<DB>,
  dialect: Dialect,
  workerId: string,
  now: number,
): Promise<number> {
  // Locked in id order like every other multi-row writer (see extendLeases).
  let lock = db
    .selectFrom('jobs')
    .select('id')
    .where('locked_by', '=', workerId)
    .where('state', '=', 'running')
    .orderBy('id');
  if (dialect === 'postgres') lock = lock.forUpdate();
  const r = await db
    .updateTable('jobs')
    .set({
      state: 'ready',
      run_at: now,
      attempts: sql`attempts - 1`,
      locked_by: null,
      lease_until: null,
      lease_token: null,
      updated_at: now,
    })
    .where('id', 'in', lock)
    .where('locked_by', '=', workerId)
    .where('state', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
