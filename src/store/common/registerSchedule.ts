import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

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
