import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { type TokenRow, toToken } from './tokenRows.js';

export async function listTokens(db: Kysely<DB>): Promise<TokenRow[]> {
  const rows = await db.selectFrom('api_tokens').selectAll().orderBy('id').execute();
  return rows.map(toToken);
}
