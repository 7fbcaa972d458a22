import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** Whether an event with this key was recorded. */
export async function hasWarehouseEvent(db: Kysely<DB>, key: string): Promise<boolean> {
  const r = await db
    .selectFrom('warehouse_events')
    .select('id')
    .where('event_key', '=', key)
    .executeTakeFirst();
  return r !== undefined;
}
