import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { toUser, type UserRow } from './users.js';

/** Changes a user's role or disables / re-enables it; null when there is no such user. */
export async function updateUser(
  db: Kysely<DB>,
  id: number,
  change: { role?: string; disabledAt?: number | null },
): Promise<UserRow | null> {
  const r = await db
    .updateTable('users')
    .set({
      ...(change.role !== undefined ? { role: change.role } : {}),
      ...(change.disabledAt !== undefined ? { disabled_at: change.disabledAt } : {}),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return r ? toUser(r) : null;
}
