import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { toUser, type UserRow } from './users.js';

/** Every user with the number of live tokens each holds, by name. */
export async function listUsers(
  db: Kysely<DB>,
  now: number,
): Promise<(UserRow & { activeTokens: number })[]> {
  const rows = await db
    .selectFrom('users as u')
    .selectAll('u')
    .select((eb) =>
      eb
        .selectFrom('api_tokens as t')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('t.user_id', '=', 'u.id')
        .where('t.revoked_at', 'is', null)
        .where((w) => w.or([w('t.expires_at', 'is', null), w('t.expires_at', '>', now)]))
        .as('active_tokens'),
    )
    .orderBy('u.name')
    .execute();
  return rows.map((r) => ({ ...toUser(r), activeTokens: Number(r.active_tokens ?? 0) }));
}
