import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { pausedLanes } from '../admin/pausedLanes.js';

/** A lane's backlog now: due jobs, the oldest's age, jobs running, and whether it is paused. */
export interface LaneBacklog {
  lane: string;
  due: number;
  oldestDueAgeMs: number;
  running: number;
  paused: boolean;
}

/**
 * The backlog of every lane named or holding work, read from the ready and running jobs only (their
 * partial indexes), not the whole history: `jobStats` also counts finished and parked jobs, which
 * at 100,000 parked jobs took 95 ms on SQLite, this a few.
 */
export async function laneBacklog(
  db: Kysely<DB>,
  now: number,
  lanes: readonly string[],
): Promise<LaneBacklog[]> {
  const [ready, running, paused] = await Promise.all([
    db
      .selectFrom('jobs')
      .select([
        'lane',
        (eb) => eb.fn.countAll<number>().as('n'),
        sql<number | null>`min(run_at)`.as('oldest'),
      ])
      .where('state', '=', 'ready')
      .where('run_at', '<=', now)
      .groupBy('lane')
      .execute(),
    db
      .selectFrom('jobs')
      .select(['lane', (eb) => eb.fn.countAll<number>().as('n')])
      .where('state', '=', 'running')
      .groupBy('lane')
      .execute(),
    pausedLanes(db),
  ]);
  const names = [...new Set([...lanes, ...ready.map((r) => r.lane), ...running.map((r) => r.lane)])].sort();
  return names.map((lane) => {
    const r = ready.find((x) => x.lane === lane);
    return {
      lane,
      due: Number(r?.n ?? 0),
      oldestDueAgeMs: r?.oldest === null || r?.oldest === undefined ? 0 : now - Number(r.oldest),
      running: Number(running.find((x) => x.lane === lane)?.n ?? 0),
      paused: paused.has(lane),
    };
  });
}
