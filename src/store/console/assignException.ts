import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** Sets (or with null clears) an exception's assignee; returns the previous one, or undefined when there is no such exception. */
export async function assignException(
  db: Kysely<DB>,
  id: number,
  assigneeId: number | null,
  now: number,
): Promise<{ before: number | null } | undefined> {
  const was = await db.selectFrom('exceptions').select('assignee_id').where('id', '=', id).executeTakeFirst();
  if (!was) return undefined;
  await db
    .updateTable('exceptions')
    .set({ assignee_id: assigneeId, updated_at: now })
    .where('id', '=', id)
    .execute();
  return { before: was.assignee_id === null ? null : Number(was.assignee_id) };
}
