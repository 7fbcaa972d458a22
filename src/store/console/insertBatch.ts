import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** Stores a new running batch over these exception ids; returns its id. */
export async function insertBatch(
  db: Kysely<DB>,
  b: { action: string; reason: string; actor: string; ids: readonly number[]; now: number },
): Promise<number> {
  const r = await db
    .insertInto('console_batches')
    .values({
      action: b.action,
      reason: b.reason,
      actor: b.actor,
      ids: JSON.stringify(b.ids),
      total: b.ids.length,
      status: b.ids.length ? 'running' : 'done',
      created_at: b.now,
      updated_at: b.now,
      finished_at: b.ids.length ? null : b.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}
