import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/**
 * Replays or skips a set of open exceptions in a few statements whatever the set's size (a bulk
 * chunk of 100 would otherwise cost hundreds of round trips): only open exceptions whose job is
 * still parked are acted on, so a set acted on twice changes nothing the second time. Returns the
 * exception ids acted on. Run in a transaction.
 */
export async function actOnExceptions(
  db: Kysely<DB>,
  ids: readonly number[],
  a: { action: 'replay' | 'skip'; actor: string; reason: string; now: number },
): Promise<number[]> {
  if (ids.length === 0) return [];
  const open = await db
    .selectFrom('exceptions')
    .select(['id', 'job_id'])
    .where('id', 'in', [...ids])
    .where('status', '=', 'open')
    .execute();
  if (open.length === 0) return [];
  const jobs = await db
    .updateTable('jobs')
    .set(
      a.action === 'replay'
        ? { state: 'ready', attempts: 0, run_at: a.now, lease_token: null, updated_at: a.now }
        : { state: 'skipped', completed_at: a.now, updated_at: a.now },
    )
    .where(
      'id',
      'in',
      open.map((o) => Number(o.job_id)),
    )
    .where('state', '=', 'excepted')
    .returning('id')
    .execute();
  const parked = new Set(jobs.map((j) => Number(j.id)));
  const acted = open.filter((o) => parked.has(Number(o.job_id))).map((o) => Number(o.id));
  if (acted.length === 0) return [];
  await db
    .updateTable('exceptions')
    .set({
      status: a.action === 'replay' ? 'replayed' : 'skipped',
      resolved_at: a.now,
      resolved_by: a.actor,
      resolution_note: a.action === 'replay' ? 'replayed' : a.reason,
      updated_at: a.now,
    })
    .where('id', 'in', acted)
    .execute();
  return acted;
}
