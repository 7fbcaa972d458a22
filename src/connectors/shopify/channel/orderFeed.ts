/** Shopify as an order feed: the reconciliation poll over Admin GraphQL, in the webhook's shape. */
import type { OrderFeed, OrderPage } from '../../../core/channel/index.js';
import type { ShopifyGraphqlClient } from '../graphqlClient.js';
import { ordersUpdatedSince, type OrderPollCursor } from '../graphqlOrders.js';

/**
 * Reads the orders updated since the cursor. The cursor is `OrderPollCursor` as JSON, the form
 * Ferry has always stored, so a poll resumes across an upgrade.
 */
export class ShopifyOrderFeed implements OrderFeed {
  constructor(private readonly client: ShopifyGraphqlClient) {}

  async ordersSince(cursor: string | null, options: { overlapMs: number }): Promise<OrderPage> {
    const r = await ordersUpdatedSince(this.client, {
      cursor: cursor ? (JSON.parse(cursor) as OrderPollCursor) : null,
      overlapMs: options.overlapMs,
    });
    return {
      orders: r.orders.map((o) => ({
        channelOrderId: String(o.id),
        version: o.updated_at,
        body: JSON.stringify(o),
      })),
      nextCursor: r.nextCursor ? JSON.stringify(r.nextCursor) : null,
      hasMore: r.hasMore,
    };
  }
}
