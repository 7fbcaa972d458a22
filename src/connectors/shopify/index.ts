/**
 * Shopify connector (issue 4, PROTOCOLS.md §1): webhook verification, order mapping to the
 * canonical model, and the Admin GraphQL client pinned to 2026-04 with the operations the flows use.
 */
export { ShopifyHeader, signShopifyWebhook, verifyShopifyWebhook } from './webhook.js';
export { scanOrderBody } from './bodyScan.js';
export type { OrderBodyScan } from './bodyScan.js';
export type {
  HeaderBag,
  RejectedShopifyWebhook,
  ShopifyWebhookVerification,
  VerifiedShopifyWebhook,
  VerifyShopifyWebhookInput,
} from './webhook.js';
export { HANDLED_TOPICS, STORED_TOPICS, classifyShopifyTopic, isHandledShopifyTopic } from './topics.js';
export type { HandledTopic, StoredTopic, TopicDisposition } from './topics.js';

export { ShopifyOrder } from './payload.js';
export type { ShopifyOrderInput } from './payload.js';
export { mapShopifyOrder } from './mapOrder.js';
export type { MapShopifyOrderOptions } from './mapOrder.js';
export type { PayloadIssue } from './mapMoney.js';
export {
  ChannelOrderState,
  FINANCIAL_STATUS_TABLE,
  FULFILLMENT_STATUS_TABLE,
  shopifyChannelStatus,
} from './status.js';
export type { ChannelStatus, ChannelStatusInput, FinancialMeaning } from './status.js';
export { detectShopifyOrderDrift } from './drift.js';
export { normaliseShopifyOrder } from './normalise.js';
export { parseJsonLossless } from './losslessJson.js';
export type { NormalisedShopifyOrder } from './normalise.js';
export type { DriftItem, JsonKind } from './drift.js';

export { SHOPIFY_API_VERSION, gidTail, toGid } from './graphqlTypes.js';
export type { Page, QueryCost, ShopifyUserError, ThrottleStatus } from './graphqlTypes.js';
export { ShopifyGraphqlClient, operationName } from './graphqlClient.js';
export type { ClientStats, GraphqlResult, ShopifyGraphqlClientOptions } from './graphqlClient.js';
export type { ShopifyAuth } from './graphqlAuth.js';
export { paginate } from './graphqlPaginate.js';
export type { PaginateOptions } from './graphqlPaginate.js';
export { formatFieldPath, throwOnUserErrors } from './graphqlUserErrors.js';
export { compareCursor, ordersUpdatedSince } from './graphqlOrders.js';
export type {
  OrderPollCursor,
  OrdersUpdatedSinceOptions,
  OrdersUpdatedSinceResult,
} from './graphqlOrders.js';
export { fulfillmentCreate, fulfillmentOrdersForOrder } from './graphqlFulfillment.js';
export { FulfillmentHoldReason, fulfillmentOrderHold } from './graphqlHold.js';
export type { FulfillmentOrderHoldInput } from './graphqlHold.js';
export type {
  FulfillmentCreated,
  FulfillmentCreateInput,
  FulfillmentOrderInfo,
  FulfillmentOrderLine,
} from './graphqlFulfillment.js';
export { inventoryLevels, inventorySetQuantities } from './graphqlInventory.js';
export type {
  InventoryChange,
  InventoryLevelRead,
  InventorySetInput,
  InventorySetQuantity,
  InventorySetResult,
  SettableQuantityName,
} from './graphqlInventory.js';
export { OrderCancelReason, jobDone, orderCancel } from './graphqlCancel.js';
export type { OrderCancelInput } from './graphqlCancel.js';
export {
  PRIVACY_LANE,
  PRIVACY_TASK,
  PRIVACY_TOPICS,
  isShopifyPrivacyTopic,
  parseShopifyPrivacyRequest,
} from './privacy.js';
export type { PrivacyTopic } from './privacy.js';
export {
  ShopifyFulfilmentHolds,
  ShopifyFulfilmentSink,
  ShopifyOrderCancels,
  ShopifyOrderFeed,
  ShopifyOrderSource,
  ShopifyStockSink,
  shopifyChannelPort,
} from './channel/index.js';
