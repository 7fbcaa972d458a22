/**
 * Answers Shopify documents or was recorded giving, kept as fixtures both contract targets must
 * reproduce. Each names its source. The reference pages' own example blocks could not be
 * retrieved whole, so the fixtures are the shapes, codes and messages those pages state, plus
 * answers recorded from real shops in public code.
 */

/** A document with an unknown field on Order. Recorded answers: "Field 'x' doesn't exist on type 'Order'" with code undefinedField (graphql-ruby fields_are_defined_on_type_error.rb). */
export const UNKNOWN_FIELD = {
  source:
    "recorded Shopify answers (e.g. \"Field 'refundedAt' doesn't exist on type 'Order'\"); graphql-ruby undefinedField",
  query: 'query FerryContractUnknown($id: ID!) { order(id: $id) { id ferryNoSuchField } }',
  variables: { id: 'gid://shopify/Order/1' },
  expected: {
    message: "Field 'ferryNoSuchField' doesn't exist on type 'Order'",
    path: ['query FerryContractUnknown', 'order', 'ferryNoSuchField'],
    extensions: { code: 'undefinedField', typeName: 'Order', fieldName: 'ferryNoSuchField' },
  },
};

/** Recorded Shopify form: "Field 'appPurchaseOneTimeCreate' is missing required arguments: returnUrl", code missingRequiredArguments. */
export const MISSING_ARGUMENT = {
  source: 'recorded Shopify answers of missingRequiredArguments (className, name, arguments)',
  query: 'query FerryContractMissing { order { id } }',
  variables: {},
  expected: {
    message: "Field 'order' is missing required arguments: id",
    path: ['query FerryContractMissing', 'order'],
    extensions: { code: 'missingRequiredArguments', className: 'Field', name: 'order', arguments: 'id' },
  },
};

/** Recorded Shopify customerCreate answer: "Nullability mismatch on variable $input and argument input (CustomerCreateInput / CustomerCreateInput!)". */
export const VARIABLE_MISMATCH = {
  source: 'recorded Shopify customerCreate answer with code variableMismatch',
  query: 'query FerryContractMismatch($id: ID) { order(id: $id) { id } }',
  variables: { id: 'gid://shopify/Order/1' },
  expected: {
    message: 'Nullability mismatch on variable $id and argument id (ID / ID!)',
    path: ['query FerryContractMismatch', 'order', 'id'],
    extensions: {
      code: 'variableMismatch',
      variableName: 'id',
      typeName: 'ID',
      argumentName: 'id',
      errorMessage: 'Nullability mismatch',
    },
  },
};

/**
 * 2 + 250 × (1 + 1 + 2 + 250 × 1) + 1 = 63,503 points: far over "the maximum cost of a single
 * query is 1,000 points" (usage/limits), refused with MAX_COST_EXCEEDED before anything runs.
 */
export const OVER_COST = {
  source:
    'shopify.dev docs/api/usage/limits (single query maximum 1,000); a recorded answer: "Query cost is 2003, which exceeds the single query max cost limit (1000).\\n\\nSee https://shopify.dev/concepts/about-apis/rate-limits …" with extensions {code: MAX_COST_EXCEEDED, cost: 2003, maxCost: 1000}',
  messageStart:
    /^Query cost is \d+, which exceeds the single query max cost limit \(1000\)\.\n\nSee https:\/\/shopify\.dev\/concepts\/about-apis\/rate-limits/,
  query: `query FerryContractOverCost($id: ID!) { order(id: $id) { fulfillmentOrders(first: 250) { nodes {
    assignedLocation { location { id } } lineItems(first: 250) { nodes { lineItem { id } } } } } } }`,
  variables: { id: 'gid://shopify/Order/1' },
  expected: { extensions: { code: 'MAX_COST_EXCEEDED', maxCost: 1000 } },
};

/** The `extensions.cost` every answer carries (docs/apps/build/apis/graphql-admin/rate-limits). */
export const COST_KEYS = ['requestedQueryCost', 'actualQueryCost', 'throttleStatus'] as const;
export const THROTTLE_KEYS = ['maximumAvailable', 'currentlyAvailable', 'restoreRate'] as const;
