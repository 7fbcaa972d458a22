import type { Kysely } from 'kysely';
import type { InventoryPosition } from '../../core/model.js';
import type { DB } from '../schema.js';

/** Every saved position, to restore pushed (WMS) stock at start. */
export async function loadPositions(db: Kysely<DB>): Promise<InventoryPosition[]> {
  const rows = await db.selectFrom('inventory_positions').selectAll().execute();
  return rows.map((r) => ({
    sku: r.sku,
    location: r.location,
    source: r.source,
    onHand: Number(r.on_hand),
    reserved: Number(r.reserved),
    available: Number(r.on_hand) - Number(r.reserved),
    asOf: r.as_of,
  }));
}
