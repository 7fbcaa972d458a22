/** Shopify order cancellation (`orderCancel`, asynchronous: the job finishes it). */
import type { ChannelCancelReason, OrderCancels } from '../../../core/channel/index.js';
import type { ShopifyGraphqlClient } from '../graphqlClient.js';
import { OrderCancelReason, orderCancel } from '../graphqlCancel.js';

const REASONS: Record<ChannelCancelReason, OrderCancelReason> = {
  inventory: OrderCancelReason.inventory,
};

/** Cancels on the shop; refusals (already cancelled, fulfilled) throw. */
export class ShopifyOrderCancels implements OrderCancels {
  constructor(private readonly client: ShopifyGraphqlClient) {}

  async cancelOrder(input: {
    channelOrderId: string;
    reason: ChannelCancelReason;
    restock: boolean;
    notifyCustomer: boolean;
    staffNote: string;
  }): Promise<void> {
    await orderCancel(this.client, {
      orderId: input.channelOrderId,
      reason: REASONS[input.reason],
      restock: input.restock,
      notifyCustomer: input.notifyCustomer,
      staffNote: input.staffNote,
    });
  }
}
