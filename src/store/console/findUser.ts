import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { toUser, type UserRow } from './users.js';

/**
 * One user by id, by name, or by e-mail: a user whose name is that address in any case (names
 * are kept as typed; an address's case means nothing). Of two such names, the one spelled
 * exactly as asked wins, else the oldest.
 */
export async function findUser(
  db: Kysely<DB>,
  by: { id: number } | { name: string } | { email: string },
): Promise<UserRow | null> {
  const q = db.selectFrom('users').selectAll();
  if ('email' in by) {
    const rows = await q
      .where(sql<string>`lower(name)`, '=', by.email.toLowerCase())
      .orderBy('id')
      .execute();
    const r = rows.find((u) => u.name === by.email) ?? rows[0];
    return r ? toUser(r) : null;
  }
  const r = await ('id' in by ? q.where('id', '=', by.id) : q.where('name', '=', by.name)).executeTakeFirst();
  return r ? toUser(r) : null;
}
