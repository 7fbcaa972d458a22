import type { Kysely } from 'kysely';
import type { InventoryPosition } from '../../core/model.js';
import type { DB } from '../schema.js';

/** 7 columns a row; see recordPublications for the bound. */
const ROWS_PER_INSERT = 500;

/**
 * Keeps the latest position per SKU and location. Only positions the engine applied are saved,
 * so an older one never replaces a newer one here either.
 */
export async function savePositions(
  db: Kysely<DB>,
  positions: readonly InventoryPosition[],
  now: number,
): Promise<void> {
  const last = new Map<string, InventoryPosition>();
  for (const p of positions) last.set(`${p.sku}\u0000${p.location}`, p);
  const all = [...last.values()];
  for (let i = 0; i < all.length; i += ROWS_PER_INSERT) {
    await db
      .insertInto('inventory_positions')
      .values(
        all.slice(i, i + ROWS_PER_INSERT).map((p) => ({
          sku: p.sku,
          location: p.location,
          source: p.source,
          on_hand: p.onHand,
          reserved: p.reserved,
          as_of: p.asOf,
          updated_at: now,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['sku', 'location']).doUpdateSet((eb) => ({
          source: eb.ref('excluded.source'),
          on_hand: eb.ref('excluded.on_hand'),
          reserved: eb.ref('excluded.reserved'),
          as_of: eb.ref('excluded.as_of'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}
