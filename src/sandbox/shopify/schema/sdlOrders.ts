/**
 * Admin GraphQL 2026-04 schema subset: the root types, orders and what Ferry's poll reads of them.
 * Written from the reference pages named above each type (shopify.dev/docs/api/admin-graphql/2026-04/…),
 * with nullability as those pages show it (`!` where the page says "non-null"). Only the fields
 * and arguments Ferry sends or may plausibly send are here: anything else is an unknown field, as
 * it would be on a real shop for a misspelt name.
 */
export const SDL_ORDERS = /* GraphQL */ `
  "Root types: queries/*, mutations/* pages; Shopify names them QueryRoot and Mutation (objects/QueryRoot)."
  schema {
    query: QueryRoot
    mutation: Mutation
  }

  "directive @idempotent — docs/api/usage/idempotent-requests#idempotency-directives"
  directive @idempotent(key: String!) on FIELD

  "scalars/DateTime"
  scalar DateTime
  "scalars/Decimal"
  scalar Decimal
  "scalars/URL"
  scalar URL
  "scalars/UnsignedInt64 (serialized as a string)"
  scalar UnsignedInt64

  "objects/QueryRoot"
  type QueryRoot {
    "queries/order"
    order(id: ID!): Order
    "queries/orders"
    orders(
      first: Int
      after: String
      last: Int
      before: String
      query: String
      reverse: Boolean = false
      sortKey: OrderSortKeys = PROCESSED_AT
      savedSearchId: ID
    ): OrderConnection!
    "queries/fulfillmentOrder"
    fulfillmentOrder(id: ID!): FulfillmentOrder
    "queries/nodes"
    nodes(ids: [ID!]!): [Node]!
    "queries/job"
    job(id: ID!): Job
    "queries/shop"
    shop: Shop!
  }

  "interfaces/Node"
  interface Node {
    id: ID!
  }

  "objects/PageInfo"
  type PageInfo {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }

  "enums/OrderSortKeys"
  enum OrderSortKeys {
    CREATED_AT
    CUSTOMER_NAME
    DESTINATION
    FINANCIAL_STATUS
    FULFILLMENT_STATUS
    ID
    ORDER_NUMBER
    PO_NUMBER
    PROCESSED_AT
    RELEVANCE
    TOTAL_ITEMS_QUANTITY
    TOTAL_PRICE
    UPDATED_AT
  }

  "enums/OrderCancelReason"
  enum OrderCancelReason {
    CUSTOMER
    DECLINED
    FRAUD
    INVENTORY
    OTHER
    STAFF
  }

  "enums/OrderDisplayFinancialStatus"
  enum OrderDisplayFinancialStatus {
    AUTHORIZED
    EXPIRED
    PAID
    PARTIALLY_PAID
    PARTIALLY_REFUNDED
    PENDING
    REFUNDED
    VOIDED
  }

  "enums/OrderDisplayFulfillmentStatus"
  enum OrderDisplayFulfillmentStatus {
    FULFILLED
    IN_PROGRESS
    ON_HOLD
    OPEN
    PARTIALLY_FULFILLED
    PENDING_FULFILLMENT
    REQUEST_DECLINED
    RESTOCKED
    SCHEDULED
    UNFULFILLED
  }

  "objects/Order"
  type Order implements Node {
    id: ID!
    legacyResourceId: UnsignedInt64!
    name: String!
    email: String
    phone: String
    createdAt: DateTime!
    updatedAt: DateTime!
    processedAt: DateTime!
    cancelledAt: DateTime
    cancelReason: OrderCancelReason
    closedAt: DateTime
    currencyCode: CurrencyCode!
    presentmentCurrencyCode: CurrencyCode!
    taxesIncluded: Boolean!
    taxExempt: Boolean!
    note: String
    test: Boolean!
    poNumber: String
    displayFinancialStatus: OrderDisplayFinancialStatus
    displayFulfillmentStatus: OrderDisplayFulfillmentStatus!
    totalPriceSet: MoneyBag!
    currentTotalPriceSet: MoneyBag!
    risk: OrderRiskSummary!
    paymentTerms: PaymentTerms
    purchasingEntity: PurchasingEntity
    customer: Customer
    billingAddress: MailingAddress
    shippingAddress: MailingAddress
    taxLines: [TaxLine!]!
    lineItems(
      first: Int
      after: String
      last: Int
      before: String
      reverse: Boolean = false
    ): LineItemConnection!
    shippingLines(
      first: Int
      after: String
      last: Int
      before: String
      reverse: Boolean = false
      includeRemovals: Boolean = false
    ): ShippingLineConnection!
    fulfillmentOrders(
      first: Int
      after: String
      last: Int
      before: String
      reverse: Boolean = false
      displayable: Boolean = false
      query: String
    ): FulfillmentOrderConnection!
  }

  "connections/OrderConnection"
  type OrderConnection {
    nodes: [Order!]!
    edges: [OrderEdge!]!
    pageInfo: PageInfo!
  }
  "objects/OrderEdge"
  type OrderEdge {
    cursor: String!
    node: Order!
  }

  "objects/Customer"
  type Customer implements Node {
    id: ID!
    legacyResourceId: UnsignedInt64!
    firstName: String
    lastName: String
    taxExempt: Boolean!
    defaultEmailAddress: CustomerEmailAddress
    defaultPhoneNumber: CustomerPhoneNumber
  }
  "objects/CustomerEmailAddress"
  type CustomerEmailAddress {
    emailAddress: String
  }
  "objects/CustomerPhoneNumber"
  type CustomerPhoneNumber {
    phoneNumber: String!
  }

  "objects/MailingAddress"
  type MailingAddress {
    firstName: String
    lastName: String
    name: String
    company: String
    address1: String
    address2: String
    city: String
    province: String
    provinceCode: String
    zip: String
    country: String
    countryCodeV2: CountryCode
    phone: String
  }

  "objects/MoneyV2"
  type MoneyV2 {
    amount: Decimal!
    currencyCode: CurrencyCode!
  }
  "objects/MoneyBag"
  type MoneyBag {
    shopMoney: MoneyV2!
    presentmentMoney: MoneyV2!
  }
  "objects/TaxLine"
  type TaxLine {
    title: String!
    rate: Float
    ratePercentage: Float
    priceSet: MoneyBag!
    channelLiable: Boolean
  }
  "objects/DiscountAllocation"
  type DiscountAllocation {
    allocatedAmountSet: MoneyBag!
  }

  "objects/LineItem"
  type LineItem implements Node {
    id: ID!
    sku: String
    name: String!
    title: String!
    variantTitle: String
    quantity: Int!
    currentQuantity: Int!
    unfulfilledQuantity: Int!
    requiresShipping: Boolean!
    isGiftCard: Boolean!
    product: Product
    variant: ProductVariant
    customAttributes: [Attribute!]!
    originalUnitPriceSet: MoneyBag!
    discountAllocations: [DiscountAllocation!]!
    taxLines(first: Int): [TaxLine!]!
  }
  "connections/LineItemConnection"
  type LineItemConnection {
    nodes: [LineItem!]!
    edges: [LineItemEdge!]!
    pageInfo: PageInfo!
  }
  "objects/LineItemEdge"
  type LineItemEdge {
    cursor: String!
    node: LineItem!
  }

  "objects/Attribute"
  type Attribute {
    key: String!
    value: String
  }

  "objects/Product"
  type Product implements Node {
    id: ID!
    legacyResourceId: UnsignedInt64!
    title: String!
  }

  "objects/OrderRiskSummary (Order.risk, non-null; the 2024-04 successor of the deprecated OrderRisk)"
  type OrderRiskSummary {
    assessments: [OrderRiskAssessment!]!
    recommendation: OrderRiskRecommendationResult!
  }
  "objects/OrderRiskAssessment (facts and provider left out: Ferry reads the level only)"
  type OrderRiskAssessment {
    riskLevel: RiskAssessmentResult!
  }
  "enums/RiskAssessmentResult"
  enum RiskAssessmentResult {
    HIGH
    LOW
    MEDIUM
    NONE
    PENDING
  }
  "enums/OrderRiskRecommendationResult"
  enum OrderRiskRecommendationResult {
    ACCEPT
    CANCEL
    INVESTIGATE
    NONE
  }

  "objects/PaymentTerms"
  type PaymentTerms implements Node {
    id: ID!
    paymentTermsName: String!
    paymentTermsType: PaymentTermsType!
    dueInDays: Int
  }
  "enums/PaymentTermsType"
  enum PaymentTermsType {
    FIXED
    FULFILLMENT
    NET
    RECEIPT
    UNKNOWN
  }

  "unions/PurchasingEntity"
  union PurchasingEntity = Customer | PurchasingCompany
  "objects/PurchasingCompany (contact left out)"
  type PurchasingCompany {
    company: Company!
    location: CompanyLocation!
  }
  "objects/Company"
  type Company implements Node {
    id: ID!
    name: String!
  }
  "objects/CompanyLocation"
  type CompanyLocation implements Node {
    id: ID!
    name: String!
  }

  "objects/ProductVariant"
  type ProductVariant implements Node {
    id: ID!
    legacyResourceId: UnsignedInt64!
    sku: String
  }

  "objects/ShippingLine"
  type ShippingLine {
    id: ID
    title: String!
    code: String
    isRemoved: Boolean!
    originalPriceSet: MoneyBag!
    discountAllocations: [DiscountAllocation!]!
    taxLines: [TaxLine!]!
  }
  "connections/ShippingLineConnection"
  type ShippingLineConnection {
    nodes: [ShippingLine!]!
    edges: [ShippingLineEdge!]!
    pageInfo: PageInfo!
  }
  "objects/ShippingLineEdge"
  type ShippingLineEdge {
    cursor: String!
    node: ShippingLine!
  }

  "objects/Job"
  type Job implements Node {
    id: ID!
    done: Boolean!
  }
  "objects/Shop"
  type Shop implements Node {
    id: ID!
    name: String!
  }
`;
