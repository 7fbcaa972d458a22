/** Reading back what a Shopify location shows, for compare-and-set expectations and drift checks. */
import { inventoryLevels } from '../../connectors/shopify/index.js';
import type { PublishTarget } from './deps.js';

/**
 * `available` per inventory item at the target's location; `null` for an item that is not stocked
 * there (Shopify refuses to set it: ITEM_NOT_STOCKED_AT_LOCATION).
 */
export async function readAvailable(
  target: PublishTarget,
  inventoryItemIds: readonly string[],
): Promise<Map<string, number | null>> {
  const out = new Map<string, number | null>();
  if (inventoryItemIds.length === 0) return out;
  const levels = await inventoryLevels(target.client, {
    inventoryItemIds,
    locationId: target.locationId,
    names: ['available'],
  });
  for (const l of levels) out.set(l.inventoryItemId, l.quantities?.available ?? null);
  return out;
}
