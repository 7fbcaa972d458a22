import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../schema.js';

export interface LaneStats {
  lane: string;
  ready: number;
  /** Ready jobs whose run time has come (the backlog). */
  due: number;
  running: number;
  excepted: number;
  completedLastHour: number;
  /** Age of the oldest due job, ms; 0 when none. */
  oldestDueAgeMs: number;
}

/** Depth, age and throughput per lane, from one grouped query. */
export async function jobStats(db: Kysely<DB>, now: number): Promise<LaneStats[]> {
  const hourAgo = now - 3_600_000;
  const rows = await db
    .selectFrom('jobs')
    .select([
      'lane',
      sql<number>`sum(case when state = 'ready' then 1 else 0 end)`.as('ready'),
      sql<number>`sum(case when state = 'ready' and run_at <= ${now} then 1 else 0 end)`.as('due'),
      sql<number>`sum(case when state = 'running' then 1 else 0 end)`.as('running'),
      sql<number>`sum(case when state = 'excepted' then 1 else 0 end)`.as('excepted'),
      sql<number>`sum(case when state = 'completed' and completed_at >= ${hourAgo} then 1 else 0 end)`.as(
        'completed',
      ),
      sql<number | null>`min(case when state = 'ready' and run_at <= ${now} then run_at end)`.as('oldest'),
    ])
    .groupBy('lane')
    .orderBy('lane')
    .execute();
  return rows.map((r) => ({
    lane: r.lane,
    ready: Number(r.ready),
    due: Number(r.due),
    running: Number(r.running),
    excepted: Number(r.excepted),
    completedLastHour: Number(r.completed),
    oldestDueAgeMs: r.oldest === null ? 0 : now - Number(r.oldest),
  }));
}
