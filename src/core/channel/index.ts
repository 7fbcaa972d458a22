/** The channel port (DESIGN.md §2): role interfaces a sales channel implements, and their registry. */
export type { NormalisedOrder, OrderFeed, OrderPage, OrderSource, PolledOrder } from './orders.js';
export type { DescribedWrite, StockBatch, StockPublishResult, StockQuantity, StockSink } from './stock.js';
export { ChannelCancelReason } from './fulfilments.js';
export type {
  FulfilmentHolds,
  FulfilmentInput,
  FulfilmentOutcome,
  FulfilmentSink,
  FulfilmentTracking,
  OrderCancels,
} from './fulfilments.js';
export { channelRole, requireChannelRole } from './port.js';
export type { ChannelBinding, ChannelPort, ChannelRegistry, ChannelRole } from './port.js';
