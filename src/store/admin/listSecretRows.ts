import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { type SecretRow, toSecret } from './secretRows.js';

export async function listSecretRows(db: Kysely<DB>): Promise<SecretRow[]> {
  return (await db.selectFrom('secrets').selectAll().orderBy('name').execute()).map(toSecret);
}
