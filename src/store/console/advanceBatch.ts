import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** How many failures a batch keeps the reasons of; the count covers them all. */
const KEEP_FAILURES = 100;

/**
 * Records one chunk's outcome, only if the batch is still at `from` (a second runner that took
 * the same chunk finds it moved on and its transaction is rolled back by the caller). Finishes
 * the batch when `to` reaches its total. Returns false when the batch had moved.
 */
export async function advanceBatch(
  db: Kysely<DB>,
  a: {
    id: number;
    from: number;
    to: number;
    done: number;
    failures: { id: number; reason: string }[];
    keptFailures: { id: number; reason: string }[];
    total: number;
    now: number;
  },
): Promise<boolean> {
  const finished = a.to >= a.total;
  const r = await db
    .updateTable('console_batches')
    .set((eb) => ({
      position: a.to,
      done: eb('done', '+', a.done),
      failed: eb('failed', '+', a.failures.length),
      failures: JSON.stringify([...a.keptFailures, ...a.failures].slice(0, KEEP_FAILURES)),
      updated_at: a.now,
      ...(finished ? { status: 'done', finished_at: a.now } : {}),
    }))
    .where('id', '=', a.id)
    .where('position', '=', a.from)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
