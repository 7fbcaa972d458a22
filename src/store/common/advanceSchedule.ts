import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

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
