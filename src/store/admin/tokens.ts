import type { Kysely, Selectable } from 'kysely';
import type { ApiTokensTable, DB } from '../schema.js';

/** An API token as stored: never the token itself, only its SHA-256 and a short prefix to recognise it. */
export interface TokenRow {
  id: number;
  name: string;
  role: string;
  tokenHash: string;
  prefix: string;
  createdAt: number;
  createdBy: string;
  expiresAt: number | null;
  revokedAt: number | null;
  revokedBy: string | null;
  lastUsedAt: number | null;
  /** The user the token acts as (migration 0009). */
  userId: number | null;
}

const num = (v: number | null): number | null => (v === null ? null : Number(v));

function toToken(r: Selectable<ApiTokensTable>): TokenRow {
  return {
    id: Number(r.id),
    name: r.name,
    role: r.role,
    tokenHash: r.token_hash,
    prefix: r.prefix,
    createdAt: Number(r.created_at),
    createdBy: r.created_by,
    expiresAt: num(r.expires_at),
    revokedAt: num(r.revoked_at),
    revokedBy: r.revoked_by,
    lastUsedAt: num(r.last_used_at),
    userId: num(r.user_id),
  };
}

export async function insertToken(
  db: Kysely<DB>,
  t: Pick<
    TokenRow,
    'name' | 'role' | 'tokenHash' | 'prefix' | 'createdAt' | 'createdBy' | 'expiresAt' | 'userId'
  >,
): Promise<TokenRow> {
  const r = await db
    .insertInto('api_tokens')
    .values({
      name: t.name,
      role: t.role,
      token_hash: t.tokenHash,
      prefix: t.prefix,
      created_at: t.createdAt,
      created_by: t.createdBy,
      expires_at: t.expiresAt,
      user_id: t.userId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toToken(r);
}

export async function findTokenByHash(db: Kysely<DB>, hash: string): Promise<TokenRow | null> {
  const r = await db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
  return r ? toToken(r) : null;
}

export async function getToken(db: Kysely<DB>, id: number): Promise<TokenRow | null> {
  const r = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toToken(r) : null;
}

export async function listTokens(db: Kysely<DB>): Promise<TokenRow[]> {
  const rows = await db.selectFrom('api_tokens').selectAll().orderBy('id').execute();
  return rows.map(toToken);
}

/** Revokes a live token; false when it was already revoked or does not exist. */
export async function revokeToken(db: Kysely<DB>, id: number, actor: string, now: number): Promise<boolean> {
  const r = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now, revoked_by: actor })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Records use at most once a minute per token, so reads do not turn into a write per request. */
export async function touchToken(db: Kysely<DB>, id: number, now: number): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', now - 60_000)]))
    .execute();
}
