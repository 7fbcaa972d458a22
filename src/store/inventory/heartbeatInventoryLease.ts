import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { LEASE_ID } from './leaseId.js';

export async function heartbeatInventoryLease(db: Kysely<DB>, holder: string, now: number): Promise<void> {
  await db
    .updateTable('runtime_lock')
    .set({ heartbeat_at: now })
    .where('id', '=', LEASE_ID)
    .where('holder', '=', holder)
    .execute();
}
