import type { ExpressionBuilder, Selectable } from 'kysely';
import type { DB, UsersTable } from '../schema.js';

/** A console user: a name, a role and (elsewhere) tokens. */
export interface UserRow {
  id: number;
  name: string;
  role: string;
  createdAt: number;
  createdBy: string;
  disabledAt: number | null;
}

/** Row → record; drivers that do not parse bigint hand back strings. */
export function toUser(r: Selectable<UsersTable>): UserRow {
  return {
    id: Number(r.id),
    name: r.name,
    role: r.role,
    createdAt: Number(r.created_at),
    createdBy: r.created_by,
    disabledAt: r.disabled_at === null ? null : Number(r.disabled_at),
  };
}

/**
 * The live tokens of user `u` at `now` (neither revoked nor expired), as `active_tokens`: the users
 * list's count, one subquery for `listUsers` and `changedUsers` alike.
 */
export function activeTokens(now: number) {
  return (eb: ExpressionBuilder<DB & { u: DB['users'] }, 'u'>) =>
    eb
      .selectFrom('api_tokens as t')
      .select(eb.fn.countAll<number>().as('n'))
      .whereRef('t.user_id', '=', 'u.id')
      .where('t.revoked_at', 'is', null)
      .where((w) => w.or([w('t.expires_at', 'is', null), w('t.expires_at', '>', now)]))
      .as('active_tokens');
}
