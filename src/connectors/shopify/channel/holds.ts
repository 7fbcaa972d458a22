/** Shopify fulfilment holds: every unfinished fulfillment order of the order, held as out of stock. */
import type { FulfilmentHolds } from '../../../core/channel/index.js';
import type { ShopifyGraphqlClient } from '../graphqlClient.js';
import { fulfillmentOrdersForOrder } from '../graphqlFulfillment.js';
import { FulfillmentHoldReason, fulfillmentOrderHold } from '../graphqlHold.js';

/** Holds what is still open, notifying the merchant with the note. */
export class ShopifyFulfilmentHolds implements FulfilmentHolds {
  constructor(private readonly client: ShopifyGraphqlClient) {}

  async holdOpen(input: { channelOrderId: string; note: string; handle: string }): Promise<string[]> {
    const fos = await fulfillmentOrdersForOrder(this.client, input.channelOrderId);
    const open = fos.filter(
      (fo) =>
        (fo.status === 'OPEN' || fo.status === 'IN_PROGRESS') &&
        fo.lines.some((l) => l.remainingQuantity > 0),
    );
    for (const fo of open) {
      await fulfillmentOrderHold(this.client, {
        fulfillmentOrderId: fo.id,
        reason: FulfillmentHoldReason.inventoryOutOfStock,
        reasonNotes: input.note,
        notifyMerchant: true,
        handle: input.handle,
      });
    }
    return open.map((fo) => fo.id);
  }
}
