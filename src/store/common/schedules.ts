/**
 * The schedules table: one row per periodic job with its next firing. Firings are claimed by a
 * conditional update on `next_run_at`, so any number of processes may tick the same schedules.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

export interface ScheduleRow {
  name: string;
  cron: string;
  nextRunAt: number;
}

/**
 * Registers a schedule, keeping its next firing when the cron expression is unchanged. One upsert,
 * not a read then a write: processes starting together register the same schedules at once, and
 * a read-then-insert let the second fail on the primary key (seen with four workers on PostgreSQL).
 */
export async function registerSchedule(
  db: Kysely<DB>,
  s: { name: string; cron: string; lane: string; task: string },
  nextRunAt: number,
): Promise<void> {
  await db
    .insertInto('schedules')
    .values({ name: s.name, cron: s.cron, lane: s.lane, task: s.task, next_run_at: nextRunAt })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet((eb) => ({
        cron: eb.ref('excluded.cron'),
        lane: eb.ref('excluded.lane'),
        task: eb.ref('excluded.task'),
        next_run_at: eb
          .case()
          .when('schedules.cron', '=', eb.ref('excluded.cron'))
          .then(eb.ref('schedules.next_run_at'))
          .else(eb.ref('excluded.next_run_at'))
          .end(),
      })),
    )
    .execute();
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

/** Moves a schedule past the firing `firing`, unless another process already did. */
export async function advanceSchedule(
  db: Kysely<DB>,
  name: string,
  firing: number,
  nextRunAt: number,
): Promise<void> {
  await db
    .updateTable('schedules')
    .set({ next_run_at: nextRunAt, last_run_at: firing })
    .where('name', '=', name)
    .where('next_run_at', '=', firing)
    .execute();
}
