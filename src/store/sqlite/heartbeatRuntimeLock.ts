import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

export async function heartbeatRuntimeLock(db: Kysely<DB>, holder: string, now: number): Promise<void> {
  await db.updateTable('runtime_lock').set({ heartbeat_at: now }).where('holder', '=', holder).execute();
}
