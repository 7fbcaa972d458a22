import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** An inventory snapshot, receipt or cancellation as a warehouse reported it. */
export interface WarehouseEventRow {
  id: number;
  warehouse: string;
  kind: string;
  key: string;
  payload: unknown;
  at: number;
}

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

export async function listWarehouseEvents(
  db: Kysely<DB>,
  filter: { warehouse?: string; kind?: string },
): Promise<WarehouseEventRow[]> {
  let q = db.selectFrom('warehouse_events').selectAll();
  if (filter.warehouse) q = q.where('warehouse', '=', filter.warehouse);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  const rows = await q.orderBy('id').execute();
  return rows.map((r) => ({
    id: Number(r.id),
    warehouse: r.warehouse,
    kind: r.kind,
    key: r.event_key,
    payload: JSON.parse(r.payload) as unknown,
    at: Number(r.at),
  }));
}

/** Whether an event with this key was recorded. */
export async function hasWarehouseEvent(db: Kysely<DB>, key: string): Promise<boolean> {
  const r = await db
    .selectFrom('warehouse_events')
    .select('id')
    .where('event_key', '=', key)
    .executeTakeFirst();
  return r !== undefined;
}
