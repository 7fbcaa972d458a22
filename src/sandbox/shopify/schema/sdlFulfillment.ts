/**
 * Admin GraphQL 2026-04 schema subset: fulfillment orders, fulfillments, holds, inventory and
 * cancellation. Each type names its reference page (shopify.dev/docs/api/admin-graphql/2026-04/…);
 * nullability as those pages show it.
 */
export const SDL_FULFILLMENT = /* GraphQL */ `
  "objects/Mutation"
  type Mutation {
    "mutations/fulfillmentCreate (since 2025-01; fulfillmentCreateV2 is deprecated)"
    fulfillmentCreate(fulfillment: FulfillmentInput!, message: String): FulfillmentCreatePayload
    "mutations/fulfillmentOrderHold"
    fulfillmentOrderHold(fulfillmentHold: FulfillmentOrderHoldInput!, id: ID!): FulfillmentOrderHoldPayload
    "mutations/inventorySetQuantities"
    inventorySetQuantities(input: InventorySetQuantitiesInput!): InventorySetQuantitiesPayload
    "mutations/orderCancel"
    orderCancel(
      orderId: ID!
      reason: OrderCancelReason!
      restock: Boolean!
      notifyCustomer: Boolean = false
      staffNote: String
      refundMethod: OrderCancelRefundMethodInput
    ): OrderCancelPayload
  }

  "enums/FulfillmentOrderStatus"
  enum FulfillmentOrderStatus {
    CANCELLED
    CLOSED
    INCOMPLETE
    IN_PROGRESS
    ON_HOLD
    OPEN
    SCHEDULED
  }

  "objects/FulfillmentOrder"
  type FulfillmentOrder implements Node {
    id: ID!
    status: FulfillmentOrderStatus!
    orderId: ID!
    assignedLocation: FulfillmentOrderAssignedLocation!
    lineItems(
      first: Int
      after: String
      last: Int
      before: String
      reverse: Boolean = false
    ): FulfillmentOrderLineItemConnection!
  }
  "connections/FulfillmentOrderConnection"
  type FulfillmentOrderConnection {
    nodes: [FulfillmentOrder!]!
    edges: [FulfillmentOrderEdge!]!
    pageInfo: PageInfo!
  }
  "objects/FulfillmentOrderEdge"
  type FulfillmentOrderEdge {
    cursor: String!
    node: FulfillmentOrder!
  }

  "objects/FulfillmentOrderAssignedLocation"
  type FulfillmentOrderAssignedLocation {
    name: String!
    location: Location
  }

  "objects/Location"
  type Location implements Node {
    id: ID!
    name: String!
  }

  "objects/FulfillmentOrderLineItem"
  type FulfillmentOrderLineItem implements Node {
    id: ID!
    remainingQuantity: Int!
    totalQuantity: Int!
    sku: String
    lineItem: LineItem!
  }
  "connections/FulfillmentOrderLineItemConnection"
  type FulfillmentOrderLineItemConnection {
    nodes: [FulfillmentOrderLineItem!]!
    edges: [FulfillmentOrderLineItemEdge!]!
    pageInfo: PageInfo!
  }
  "objects/FulfillmentOrderLineItemEdge"
  type FulfillmentOrderLineItemEdge {
    cursor: String!
    node: FulfillmentOrderLineItem!
  }

  "input-objects/FulfillmentInput"
  input FulfillmentInput {
    lineItemsByFulfillmentOrder: [FulfillmentOrderLineItemsInput!]!
    notifyCustomer: Boolean = false
    originAddress: FulfillmentOriginAddressInput
    trackingInfo: FulfillmentTrackingInput
  }
  "input-objects/FulfillmentOrderLineItemsInput"
  input FulfillmentOrderLineItemsInput {
    fulfillmentOrderId: ID!
    fulfillmentOrderLineItems: [FulfillmentOrderLineItemInput!]
  }
  "input-objects/FulfillmentOrderLineItemInput"
  input FulfillmentOrderLineItemInput {
    id: ID!
    quantity: Int!
  }
  "input-objects/FulfillmentTrackingInput"
  input FulfillmentTrackingInput {
    company: String
    number: String
    numbers: [String!]
    url: URL
    urls: [URL!]
  }
  "input-objects/FulfillmentOriginAddressInput"
  input FulfillmentOriginAddressInput {
    address1: String
    address2: String
    city: String
    countryCode: String!
    provinceCode: String
    zip: String
  }

  "enums/FulfillmentStatus"
  enum FulfillmentStatus {
    CANCELLED
    ERROR
    FAILURE
    OPEN
    PENDING
    SUCCESS
  }
  "objects/Fulfillment"
  type Fulfillment implements Node {
    id: ID!
    status: FulfillmentStatus!
    trackingInfo(first: Int): [FulfillmentTrackingInfo!]!
  }
  "objects/FulfillmentTrackingInfo"
  type FulfillmentTrackingInfo {
    company: String
    number: String
    url: URL
  }
  "objects/UserError"
  type UserError {
    field: [String!]
    message: String!
  }
  "payloads/FulfillmentCreatePayload"
  type FulfillmentCreatePayload {
    fulfillment: Fulfillment
    userErrors: [UserError!]!
  }

  "enums/FulfillmentHoldReason"
  enum FulfillmentHoldReason {
    AWAITING_PAYMENT
    AWAITING_RETURN_ITEMS
    HIGH_RISK_OF_FRAUD
    INCORRECT_ADDRESS
    INVENTORY_OUT_OF_STOCK
    ONLINE_STORE_POST_PURCHASE_CROSS_SELL
    OTHER
    UNKNOWN_DELIVERY_DATE
  }
  "input-objects/FulfillmentOrderHoldInput"
  input FulfillmentOrderHoldInput {
    reason: FulfillmentHoldReason!
    reasonNotes: String
    notifyMerchant: Boolean = false
    externalId: String
    handle: String
    fulfillmentOrderLineItems: [FulfillmentOrderLineItemInput!] = []
  }
  "objects/FulfillmentHold"
  type FulfillmentHold implements Node {
    id: ID!
    handle: String
    reason: FulfillmentHoldReason!
    reasonNotes: String
  }
  "enums/FulfillmentOrderHoldUserErrorCode"
  enum FulfillmentOrderHoldUserErrorCode {
    DUPLICATED_FULFILLMENT_ORDER_LINE_ITEMS
    DUPLICATE_FULFILLMENT_HOLD_HANDLE
    FULFILLMENT_ORDER_HOLD_LIMIT_REACHED
    FULFILLMENT_ORDER_NOT_FOUND
    FULFILLMENT_ORDER_NOT_SPLITTABLE
    GREATER_THAN_ZERO
    INVALID_LINE_ITEM_QUANTITY
    TAKEN
  }
  "objects/FulfillmentOrderHoldUserError"
  type FulfillmentOrderHoldUserError {
    code: FulfillmentOrderHoldUserErrorCode
    field: [String!]
    message: String!
  }
  "payloads/FulfillmentOrderHoldPayload"
  type FulfillmentOrderHoldPayload {
    fulfillmentHold: FulfillmentHold
    fulfillmentOrder: FulfillmentOrder
    remainingFulfillmentOrder: FulfillmentOrder
    userErrors: [FulfillmentOrderHoldUserError!]!
  }

  "input-objects/InventorySetQuantitiesInput (2026-04: ignoreCompareQuantity removed)"
  input InventorySetQuantitiesInput {
    name: String!
    reason: String!
    referenceDocumentUri: String
    quantities: [InventoryQuantityInput!]!
  }
  "input-objects/InventoryQuantityInput (2026-04: changeFromQuantity replaces compareQuantity)"
  input InventoryQuantityInput {
    inventoryItemId: ID!
    locationId: ID!
    quantity: Int!
    changeFromQuantity: Int
  }
  "enums/InventorySetQuantitiesUserErrorCode"
  enum InventorySetQuantitiesUserErrorCode {
    CHANGE_FROM_QUANTITY_STALE
    COMPARE_QUANTITY_REQUIRED
    COMPARE_QUANTITY_STALE
    IDEMPOTENCY_CONCURRENT_REQUEST
    IDEMPOTENCY_KEY_PARAMETER_MISMATCH
    IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED
    INVALID_INVENTORY_ITEM
    INVALID_LOCATION
    INVALID_NAME
    INVALID_QUANTITY_NEGATIVE
    INVALID_QUANTITY_TOO_HIGH
    INVALID_QUANTITY_TOO_LOW
    INVALID_REASON
    INVALID_REFERENCE_DOCUMENT
    ITEM_NOT_STOCKED_AT_LOCATION
    NON_MUTABLE_INVENTORY_ITEM
    NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR
  }
  "objects/InventorySetQuantitiesUserError"
  type InventorySetQuantitiesUserError {
    code: InventorySetQuantitiesUserErrorCode
    field: [String!]
    message: String!
  }
  "payloads/InventorySetQuantitiesPayload"
  type InventorySetQuantitiesPayload {
    inventoryAdjustmentGroup: InventoryAdjustmentGroup
    userErrors: [InventorySetQuantitiesUserError!]!
  }
  "objects/InventoryAdjustmentGroup"
  type InventoryAdjustmentGroup implements Node {
    id: ID!
    reason: String!
    changes(inventoryItemIds: [ID!], locationIds: [ID!], quantityNames: [String!]): [InventoryChange!]!
  }
  "objects/InventoryChange (item and location are nullable on the page)"
  type InventoryChange {
    name: String!
    delta: Int!
    quantityAfterChange: Int
    item: InventoryItem
    location: Location
    ledgerDocumentUri: String
  }
  "objects/InventoryItem"
  type InventoryItem implements Node {
    id: ID!
    sku: String
    inventoryLevel(locationId: ID!): InventoryLevel
  }
  "objects/InventoryLevel"
  type InventoryLevel implements Node {
    id: ID!
    quantities(names: [String!]!): [InventoryQuantity!]!
  }
  "objects/InventoryQuantity"
  type InventoryQuantity {
    name: String!
    quantity: Int!
  }

  "input-objects/OrderCancelRefundMethodInput"
  input OrderCancelRefundMethodInput {
    originalPaymentMethodsRefund: Boolean
  }
  "enums/OrderCancelUserErrorCode"
  enum OrderCancelUserErrorCode {
    INTERNAL_ERROR
    INVALID
    NOT_FOUND
    NO_REFUND_PERMISSION
    NO_REFUND_TO_STORE_CREDIT_PERMISSION
    STORE_CREDIT_REFUND_B2B_NOT_SUPPORTED
    STORE_CREDIT_REFUND_EXPIRATION_IN_PAST
    STORE_CREDIT_REFUND_MISSING_CUSTOMER
  }
  "objects/OrderCancelUserError"
  type OrderCancelUserError {
    code: OrderCancelUserErrorCode
    field: [String!]
    message: String!
  }
  "payloads/OrderCancelPayload"
  type OrderCancelPayload {
    job: Job
    orderCancelUserErrors: [OrderCancelUserError!]!
    userErrors: [UserError!]!
  }
`;
