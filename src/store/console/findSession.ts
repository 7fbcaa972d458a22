import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** A live session as authentication needs it. */
export interface SessionRow {
  idHash: string;
  userId: number;
  userName: string;
  userRole: string;
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
  lastSeenAt: number;
  tokenId: number | null;
}

/**
 * The session with this cookie hash, if it is still live at `now`: not revoked, not expired, its
 * user not disabled, and the token it was signed in with (if any) neither revoked nor expired, so
 * revoking a token also ends the console sessions it opened.
 */
export async function findSession(db: Kysely<DB>, idHash: string, now: number): Promise<SessionRow | null> {
  const r = await db
    .selectFrom('console_sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('api_tokens as t', 't.id', 's.token_id')
    .select([
      's.id_hash',
      's.user_id',
      'u.name',
      'u.role',
      's.csrf_token',
      's.created_at',
      's.expires_at',
      's.last_seen_at',
      's.token_id',
    ])
    .where('s.id_hash', '=', idHash)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', now)
    .where('u.disabled_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('s.token_id', 'is', null),
        eb.and([
          eb('t.revoked_at', 'is', null),
          eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', now)]),
        ]),
      ]),
    )
    .executeTakeFirst();
  if (!r) return null;
  return {
    idHash: r.id_hash,
    userId: Number(r.user_id),
    userName: r.name,
    userRole: r.role,
    csrfToken: r.csrf_token,
    createdAt: Number(r.created_at),
    expiresAt: Number(r.expires_at),
    lastSeenAt: Number(r.last_seen_at),
    tokenId: r.token_id === null ? null : Number(r.token_id),
  };
}
