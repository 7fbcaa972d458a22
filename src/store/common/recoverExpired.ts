import type { Kysely } from 'kysely';
import type { Dialect } from '../port.js';
import type { DB } from '../schema.js';
import type { AttemptRecord } from '../types.js';
import { parseJson } from './rows.js';
import { insertException } from './insertException.js';

export interface RecoverOptions {
  /**
   * Runs between the scan for expired leases and their update: the point where another process's
   * heartbeat, recovery or lease can interleave. Tests hold recovery here to make that race certain.
   */
  afterScan?: (ids: number[]) => Promise<void>;
}

/**
 * Returns the jobs of crashed or stalled workers to the queue once their lease has run out. A job
 * that keeps killing its worker stops after its last attempt and goes to the exception queue, so a
 * poison message cannot crash-loop the fleet. Run inside a transaction.
 *
 * The scan takes no locks, so by the time a candidate is updated its worker may have extended the
 * lease, or another process may have recovered it and a worker leased it again (issue 16: 146 jobs
 * of a live worker requeued, run twice). Each candidate is therefore locked and re-read, in id
 * order, and taken only if it is still the same expired lease (same token); the error history is
 * built from that locked row. On PostgreSQL a row another transaction holds is skipped: its holder
 * is changing it (a heartbeat, a completion), and the next recovery pass looks again.
 */
export async function recoverExpired(
  db: Kysely<DB>,
  dialect: Dialect,
  now: number,
  opts: RecoverOptions = {},
): Promise<{ requeued: number; excepted: number }> {
  const expired = await db
    .selectFrom('jobs')
    .select(['id', 'lease_token'])
    .where('state', '=', 'running')
    .where('lease_until', '<', now)
    .orderBy('id')
    .limit(1000)
    .execute();
  await opts.afterScan?.(expired.map((j) => Number(j.id)));
  let requeued = 0;
  let excepted = 0;
  for (const candidate of expired) {
    const outcome = await recoverOne(db, dialect, Number(candidate.id), candidate.lease_token, now);
    if (outcome === 'requeued') requeued++;
    else if (outcome === 'excepted') excepted++;
  }
  return { requeued, excepted };
}

async function recoverOne(
  db: Kysely<DB>,
  dialect: Dialect,
  id: number,
  token: string | null,
  now: number,
): Promise<'requeued' | 'excepted' | 'skipped'> {
  let locked = db
    .selectFrom('jobs')
    .select(['id', 'lane', 'task', 'payload', 'partner', 'attempts', 'max_attempts', 'errors'])
    .where('id', '=', id)
    .where('state', '=', 'running')
    .where('lease_until', '<', now)
    .where('lease_token', token === null ? 'is' : '=', token);
  if (dialect === 'postgres') locked = locked.forUpdate().skipLocked();
  const j = await locked.executeTakeFirst();
  if (!j) return 'skipped';
  const attempts = Number(j.attempts);
  const entry: AttemptRecord = {
    attempt: attempts,
    at: now,
    code: 'lease_expired',
    message: 'lease expired before the job finished (worker stopped or stalled)',
    retryable: true,
  };
  const errors = [...parseJson<AttemptRecord[]>(j.errors, []), entry];
  const exhausted = attempts >= Number(j.max_attempts);
  await db
    .updateTable('jobs')
    .set({
      state: exhausted ? 'excepted' : 'ready',
      errors: JSON.stringify(errors),
      lease_until: null,
      locked_by: null,
      lease_token: null,
      updated_at: now,
      run_at: now,
    })
    .where('id', '=', id)
    .execute();
  if (!exhausted) return 'requeued';
  const exc = {
    code: 'lease_expired',
    message: `gave up after ${attempts} attempts whose leases all expired`,
    impact: 'info',
    partner: null,
    entities: {},
  };
  await insertException(
    db,
    { id, lane: j.lane, task: j.task, payload: j.payload, partner: j.partner },
    exc,
    errors,
    now,
  );
  return 'excepted';
}
