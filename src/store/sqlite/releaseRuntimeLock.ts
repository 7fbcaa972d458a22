import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

export async function releaseRuntimeLock(db: Kysely<DB>, holder: string): Promise<void> {
  await db.deleteFrom('runtime_lock').where('holder', '=', holder).execute();
}
