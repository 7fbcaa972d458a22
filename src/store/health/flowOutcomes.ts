import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { jobOrderRef, jobPartner } from './jobPartner.js';

/** Jobs of one task toward one partner in a window: how many completed and how many failed. */
export interface FlowOutcome {
  task: string;
  /**
   * The channel of the order the job works on (its ordering key is `order:<ref>`), else the
   * partner the job names, else ''.
   */
  partner: string;
  completed: number;
  /** Parked in the exception queue in the window (whatever became of them since). */
  failed: number;
}

/**
 * Completions and failures per task and partner since `from` and before `to` (epoch ms; no end
 * when absent), leaving out the lanes in `exceptLanes` (Ferry's own housekeeping). The completed
 * jobs counted are the list `flowJobs` gives for the same task, partner and window. Completions come from the finished-jobs index, failures
 * from exceptions created in the window, so the cost follows the window's work, not the history.
 */
export async function flowOutcomes(
  db: Kysely<DB>,
  from: number,
  exceptLanes: readonly string[] = [],
  to?: number,
): Promise<FlowOutcome[]> {
  const lanes = exceptLanes.length ? [...exceptLanes] : [''];
  const orderRef = jobOrderRef;
  const end = to ?? Number.MAX_SAFE_INTEGER;
  const [done, failed] = await Promise.all([
    db
      .selectFrom('jobs as j')
      .leftJoin('orders as o', (join) => join.on('o.ref', '=', orderRef))
      .select(['j.task as task', jobPartner.as('partner'), (eb) => eb.fn.countAll<number>().as('n')])
      .where('j.state', '=', 'completed')
      .where('j.completed_at', '>=', from)
      .where('j.completed_at', '<', end)
      .where('j.lane', 'not in', lanes)
      .groupBy(['j.task', jobPartner])
      .execute(),
    db
      .selectFrom('exceptions as e')
      .innerJoin('jobs as j', 'j.id', 'e.job_id')
      .leftJoin('orders as o', (join) => join.on('o.ref', '=', orderRef))
      .select([
        'e.task as task',
        sql<string>`coalesce(o.channel, e.partner, j.partner, '')`.as('partner'),
        (eb) => eb.fn.countAll<number>().as('n'),
      ])
      .where('e.created_at', '>=', from)
      .where('e.created_at', '<', end)
      .where('e.lane', 'not in', lanes)
      .groupBy(['e.task', sql`coalesce(o.channel, e.partner, j.partner, '')`])
      .execute(),
  ]);
  const out = new Map<string, FlowOutcome>();
  const row = (task: string, partner: string): FlowOutcome => {
    const k = `${task}\u0000${partner}`;
    let r = out.get(k);
    if (!r) out.set(k, (r = { task, partner, completed: 0, failed: 0 }));
    return r;
  };
  for (const r of done) row(r.task, r.partner).completed += Number(r.n);
  for (const r of failed) row(r.task, r.partner).failed += Number(r.n);
  return [...out.values()].sort((a, b) => a.task.localeCompare(b.task) || a.partner.localeCompare(b.partner));
}
