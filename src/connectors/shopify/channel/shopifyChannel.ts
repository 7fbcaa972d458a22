/** A Shopify shop as a `ChannelPort`: every role, over one Admin API client. */
import type { ChannelPort } from '../../../core/channel/index.js';
import type { ShopifyGraphqlClient } from '../graphqlClient.js';
import { ShopifyOrderCancels } from './cancels.js';
import { ShopifyFulfilmentSink } from './fulfilmentSink.js';
import { ShopifyFulfilmentHolds } from './holds.js';
import { ShopifyOrderFeed } from './orderFeed.js';
import { ShopifyOrderSource } from './orderSource.js';
import { ShopifyStockSink } from './stockSink.js';

/**
 * The port of channel `channel`. Without an Admin API client the shop only sends orders
 * (webhooks): it cannot be polled, published to or told about shipments.
 */
export function shopifyChannelPort(channel: string, client: ShopifyGraphqlClient | undefined): ChannelPort {
  const partner = `shopify:${channel}`;
  const orders = new ShopifyOrderSource(channel);
  if (!client) return { kind: 'shopify', partner, orders };
  return {
    kind: 'shopify',
    partner,
    orders,
    feed: new ShopifyOrderFeed(client),
    stock: new ShopifyStockSink(client, partner),
    fulfilments: new ShopifyFulfilmentSink(client),
    holds: new ShopifyFulfilmentHolds(client),
    cancels: new ShopifyOrderCancels(client),
  };
}
