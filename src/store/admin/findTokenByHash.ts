import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { type TokenRow, toToken } from './tokenRows.js';

export async function findTokenByHash(db: Kysely<DB>, hash: string): Promise<TokenRow | null> {
  const r = await db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
  return r ? toToken(r) : null;
}
