import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { type TokenRow, toToken } from './tokenRows.js';

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
