import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

export async function getCursor(db: Kysely<DB>, name: string): Promise<string | null> {
  const r = await db.selectFrom('cursors').select('value').where('name', '=', name).executeTakeFirst();
  return r?.value ?? null;
}
