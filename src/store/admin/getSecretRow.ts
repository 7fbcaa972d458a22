import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { type SecretRow, toSecret } from './secretRows.js';

export async function getSecretRow(db: Kysely<DB>, name: string): Promise<SecretRow | null> {
  const r = await db.selectFrom('secrets').selectAll().where('name', '=', name).executeTakeFirst();
  return r ? toSecret(r) : null;
}
