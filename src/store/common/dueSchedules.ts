import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

export interface ScheduleRow {
  name: string;
  cron: string;
  nextRunAt: number;
}

/** Schedules whose next firing is due at `now`. */
export async function dueSchedules(db: Kysely<DB>, now: number): Promise<ScheduleRow[]> {
  const rows = await db
    .selectFrom('schedules')
    .select(['name', 'cron', 'next_run_at'])
    .where('next_run_at', '<=', now)
    .execute();
  return rows.map((r) => ({ name: r.name, cron: r.cron, nextRunAt: Number(r.next_run_at) }));
}
