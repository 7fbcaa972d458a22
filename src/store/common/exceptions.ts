import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { ExceptionFilter, ExceptionRecord } from '../types.js';
import { toExceptionRecord } from './rows.js';
import { publishExceptionEvent } from '../events/publishExceptionEvent.js';

export async function listExceptions(db: Kysely<DB>, f: ExceptionFilter): Promise<ExceptionRecord[]> {
  let q = db.selectFrom('exceptions').selectAll();
  if (f.ids?.length) q = q.where('id', 'in', f.ids);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.code) q = q.where('code', '=', f.code);
  if (f.lane) q = q.where('lane', '=', f.lane);
  if (f.task) q = q.where('task', '=', f.task);
  if (f.partner) q = q.where('partner', '=', f.partner);
  if (f.impact) q = q.where('impact', '=', f.impact);
  if (f.from !== undefined) q = q.where('created_at', '>=', f.from);
  if (f.to !== undefined) q = q.where('created_at', '<', f.to);
  const rows = await q
    .orderBy('id', 'desc')
    .limit(f.limit ?? 1000)
    .execute();
  return rows.map(toExceptionRecord);
}

export async function getException(db: Kysely<DB>, id: number): Promise<ExceptionRecord | null> {
  const r = await db.selectFrom('exceptions').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toExceptionRecord(r) : null;
}

/**
 * Re-queues the jobs of open exceptions with a fresh set of attempts. Only open exceptions whose
 * job is still parked are replayed, so replaying twice never runs a job twice. Run in a transaction.
 */
export async function replayExceptions(
  db: Kysely<DB>,
  ids: number[],
  opts: { actor: string; now: number; payload?: unknown },
): Promise<number[]> {
  const replayed: number[] = [];
  for (const id of ids) {
    const exc = await db
      .selectFrom('exceptions')
      .select(['id', 'job_id', 'status'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!exc || exc.status !== 'open') continue;
    const job = await db
      .updateTable('jobs')
      .set({
        state: 'ready',
        attempts: 0,
        run_at: opts.now,
        lease_token: null,
        updated_at: opts.now,
        ...(opts.payload === undefined ? {} : { payload: JSON.stringify(opts.payload) }),
      })
      .where('id', '=', exc.job_id)
      .where('state', '=', 'excepted')
      .executeTakeFirst();
    if (Number(job.numUpdatedRows) !== 1) continue;
    await db
      .updateTable('exceptions')
      .set({
        status: 'replayed',
        resolved_at: opts.now,
        resolved_by: opts.actor,
        updated_at: opts.now,
        resolution_note: opts.payload === undefined ? 'replayed' : 'payload edited and replayed',
      })
      .where('id', '=', id)
      .execute();
    await publishExceptionEvent(db, id, 'resolved', opts.now);
    replayed.push(id);
  }
  return replayed;
}

/** Closes an open exception without running its job again; the reason is kept. Run in a transaction. */
export async function skipException(
  db: Kysely<DB>,
  id: number,
  opts: { actor: string; reason: string; now: number },
): Promise<boolean> {
  const r = await db
    .updateTable('exceptions')
    .set({
      status: 'skipped',
      resolved_at: opts.now,
      resolved_by: opts.actor,
      resolution_note: opts.reason,
      updated_at: opts.now,
    })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .returning('job_id')
    .executeTakeFirst();
  if (!r) return false;
  await db
    .updateTable('jobs')
    .set({ state: 'skipped', completed_at: opts.now, updated_at: opts.now })
    .where('id', '=', r.job_id)
    .where('state', '=', 'excepted')
    .execute();
  await publishExceptionEvent(db, id, 'resolved', opts.now);
  return true;
}
