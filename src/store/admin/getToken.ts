import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { type TokenRow, toToken } from './tokenRows.js';

export async function getToken(db: Kysely<DB>, id: number): Promise<TokenRow | null> {
  const r = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toToken(r) : null;
}
