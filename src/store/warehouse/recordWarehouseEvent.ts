import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** Records an event once per key; false when the key was already recorded (a duplicate). */
export async function recordWarehouseEvent(
  db: Kysely<DB>,
  e: { warehouse: string; kind: string; key: string; payload: unknown; at: number },
): Promise<boolean> {
  const r = await db
    .insertInto('warehouse_events')
    .values({
      warehouse: e.warehouse,
      kind: e.kind,
      event_key: e.key,
      payload: JSON.stringify(e.payload),
      at: e.at,
    })
    .onConflict((oc) => oc.column('event_key').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}
