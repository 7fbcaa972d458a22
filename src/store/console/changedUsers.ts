import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { activeTokens, toUser, type UserRow } from './users.js';

/**
 * The users whose row in the users list changed after `since` (epoch ms), for polling: added, role
 * changed, disabled or enabled (read from the audit trail, written with every such change), or a
 * token of theirs minted, revoked or expired since; each with its live token count as `listUsers`
 * gives it.
 */
export async function changedUsers(
  db: Kysely<DB>,
  since: number,
  now: number,
): Promise<(UserRow & { activeTokens: number })[]> {
  const rows = await db
    .selectFrom('users as u')
    .selectAll('u')
    .select(activeTokens(now))
    .where((eb) =>
      eb.or([
        eb('u.created_at', '>', since),
        // A role changed, disabled or enabled: every change of a user is audited with it, in the
        // same transaction, under the user's name (the index on target kind and id serves it).
        eb.exists(
          eb
            .selectFrom('audit_log as a')
            .select('a.id')
            .where('a.target_kind', '=', 'user')
            .whereRef('a.target_id', '=', 'u.name')
            .where('a.at', '>', since),
        ),
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
