/** Reading back what a channel's location shows, for compare-and-set expectations and drift checks. */
import type { PublishTarget } from './deps.js';

/**
 * What each of the channel's items shows at the target's location; `null` for an item that is not
 * stocked there (a channel refuses to set it).
 */
export async function readAvailable(
  target: PublishTarget,
  items: readonly string[],
): Promise<Map<string, number | null>> {
  if (items.length === 0) return new Map();
  return target.stock.available(target.locationId, items);
}
