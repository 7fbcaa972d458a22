import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { toUser, type UserRow } from './users.js';

/** One user by id or by name. */
export async function findUser(
  db: Kysely<DB>,
  by: { id: number } | { name: string },
): Promise<UserRow | null> {
  const q = db.selectFrom('users').selectAll();
  const r = await ('id' in by ? q.where('id', '=', by.id) : q.where('name', '=', by.name)).executeTakeFirst();
  return r ? toUser(r) : null;
}
