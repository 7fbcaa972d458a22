import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

export async function setCursor(db: Kysely<DB>, name: string, value: string, now: number): Promise<void> {
  await db
    .insertInto('cursors')
    .values({ name, value, updated_at: now })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value, updated_at: now }))
    .execute();
}
