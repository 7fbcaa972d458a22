import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** The value each channel was last told per SKU, for the engine's ledger at start. */
export async function loadPublished(
  db: Kysely<DB>,
): Promise<{ channel: string; sku: string; value: number }[]> {
  const rows = await db.selectFrom('inventory_published').select(['channel', 'sku', 'value']).execute();
  return rows.map((r) => ({ channel: r.channel, sku: r.sku, value: Number(r.value) }));
}
