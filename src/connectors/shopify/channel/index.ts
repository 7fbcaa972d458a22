/** Shopify's implementation of the channel port, one role per file. */
export { shopifyChannelPort } from './shopifyChannel.js';
export { ShopifyOrderSource } from './orderSource.js';
export { ShopifyOrderFeed } from './orderFeed.js';
export { ShopifyStockSink } from './stockSink.js';
export { ShopifyFulfilmentSink } from './fulfilmentSink.js';
export { ShopifyFulfilmentHolds } from './holds.js';
export { ShopifyOrderCancels } from './cancels.js';
