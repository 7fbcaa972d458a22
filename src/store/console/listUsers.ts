import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { activeTokens, toUser, type UserRow } from './users.js';

/** Every user with the number of live tokens each holds, by name. */
export async function listUsers(
  db: Kysely<DB>,
  now: number,
): Promise<(UserRow & { activeTokens: number })[]> {
  const rows = await db
    .selectFrom('users as u')
    .selectAll('u')
    .select(activeTokens(now))
    .orderBy('u.name')
    .execute();
  return rows.map((r) => ({ ...toUser(r), activeTokens: Number(r.active_tokens ?? 0) }));
}
