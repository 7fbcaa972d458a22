/**
 * Shopify as a stock sink (PROTOCOLS.md §1.4): `inventorySetQuantities` on `available` with
 * `changeFromQuantity` (compare-and-set) and an `@idempotent` key per batch; read-back through
 * inventory levels. Items are `gid://shopify/InventoryItem/…`, locations `gid://shopify/Location/…`.
 */
import type {
  DescribedWrite,
  StockBatch,
  StockPublishResult,
  StockSink,
} from '../../../core/channel/index.js';
import type { ShopifyGraphqlClient } from '../graphqlClient.js';
import { inventoryLevels, inventorySetQuantities } from '../graphqlInventory.js';

/** Publishes availability to one shop. */
export class ShopifyStockSink implements StockSink {
  readonly compareAndSet = true;

  constructor(
    private readonly client: ShopifyGraphqlClient,
    readonly partner: string,
  ) {}

  /** `null` for an item not stocked at the location (Shopify refuses it: ITEM_NOT_STOCKED_AT_LOCATION). */
  async available(location: string, items: readonly string[]): Promise<Map<string, number | null>> {
    const out = new Map<string, number | null>();
    if (items.length === 0) return out;
    const levels = await inventoryLevels(this.client, {
      inventoryItemIds: items,
      locationId: location,
      names: ['available'],
    });
    for (const l of levels) out.set(l.inventoryItemId, l.quantities?.available ?? null);
    return out;
  }

  async publish(batch: StockBatch): Promise<StockPublishResult> {
    const res = await inventorySetQuantities(this.client, {
      ...input(batch),
      reason: 'correction',
      referenceDocumentUri: `gid://ferry/InventoryPublish/${batch.idempotencyKey}`,
    });
    if (res.status === 'applied') return { status: 'applied' };
    return { status: 'stale', stale: res.stale.map((s) => s.index) };
  }

  describe(batch: StockBatch): DescribedWrite {
    return { partner: this.partner, operation: 'inventorySetQuantities', payload: input(batch) };
  }
}

function input(batch: StockBatch) {
  return {
    name: 'available' as const,
    quantities: batch.quantities.map((q) => ({
      inventoryItemId: q.item,
      locationId: batch.location,
      quantity: q.quantity,
      changeFromQuantity: q.expected,
    })),
    idempotencyKey: batch.idempotencyKey,
  };
}
