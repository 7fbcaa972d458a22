import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { toUser, type UserRow } from './users.js';

/**
 * The users whose row in the users list changed after `since` (epoch ms), for polling: added, role
 * changed, disabled or enabled, or a token of theirs minted, revoked or expired since; each with
 * its live token count as `listUsers` gives it.
 */
export async function changedUsers(
  db: Kysely<DB>,
  since: number,
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
    .where((eb) =>
      eb.or([
        eb('u.updated_at', '>', since),
        eb.exists(
          eb
            .selectFrom('api_tokens as c')
            .select('c.id')
            .whereRef('c.user_id', '=', 'u.id')
            .where((w) =>
              w.or([
                w('c.created_at', '>', since),
                w('c.revoked_at', '>', since),
                w.and([w('c.expires_at', '>', since), w('c.expires_at', '<=', now)]),
              ]),
            ),
        ),
      ]),
    )
    .orderBy('u.name')
    .execute();
  return rows.map((r) => ({ ...toUser(r), activeTokens: Number(r.active_tokens ?? 0) }));
}
