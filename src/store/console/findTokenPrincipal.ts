import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** A token as authentication needs it: its own state and its user's. */
export interface TokenPrincipalRow {
  tokenId: number;
  tokenName: string;
  tokenRole: string;
  tokenHash: string;
  expiresAt: number | null;
  revokedAt: number | null;
  userId: number | null;
  userName: string | null;
  userRole: string | null;
  userDisabledAt: number | null;
}

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

/** The token with this SHA-256 and the user it acts as (none for an orphan migrated token). */
export async function findTokenPrincipal(db: Kysely<DB>, hash: string): Promise<TokenPrincipalRow | null> {
  const r = await db
    .selectFrom('api_tokens as t')
    .leftJoin('users as u', 'u.id', 't.user_id')
    .select([
      't.id',
      't.name',
      't.role',
      't.token_hash',
      't.expires_at',
      't.revoked_at',
      'u.id as user_id',
      'u.name as user_name',
      'u.role as user_role',
      'u.disabled_at',
    ])
    .where('t.token_hash', '=', hash)
    .executeTakeFirst();
  if (!r) return null;
  return {
    tokenId: Number(r.id),
    tokenName: r.name,
    tokenRole: r.role,
    tokenHash: r.token_hash,
    expiresAt: num(r.expires_at),
    revokedAt: num(r.revoked_at),
    userId: num(r.user_id),
    userName: r.user_name,
    userRole: r.user_role,
    userDisabledAt: num(r.disabled_at),
  };
}
