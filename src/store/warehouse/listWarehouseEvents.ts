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
