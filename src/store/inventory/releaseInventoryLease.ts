import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { LEASE_ID } from './leaseId.js';

export async function releaseInventoryLease(db: Kysely<DB>, holder: string): Promise<void> {
  await db.deleteFrom('runtime_lock').where('id', '=', LEASE_ID).where('holder', '=', holder).execute();
}
