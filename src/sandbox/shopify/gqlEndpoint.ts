/**
 * The `/admin/api/2026-04/graphql.json` behaviour: operation lookup, the cost bucket (THROTTLED,
 * MAX_COST_EXCEEDED) and `extensions.cost` on every answer (PROTOCOLS.md §1.5).
 */
import type { SimCostBucket } from './costBucket.js';
import { jobQuery, orderCancel, shopQuery } from './gqlCancel.js';
import { fulfillmentCreate, fulfillmentOrders } from './gqlFulfillment.js';
import { fulfillmentOrderHold } from './gqlHold.js';
import { inventoryLevels, inventorySetQuantities } from './gqlInventory.js';
import { orderLineItems, ordersUpdatedSince } from './gqlOrders.js';
import type { GqlError, OpContext, OpHandler } from './gqlTypes.js';

/** Operations the simulator answers, by the names Ferry's client gives them. */
export const OPERATIONS: Readonly<Record<string, OpHandler>> = {
  FerryOrdersUpdatedSince: ordersUpdatedSince,
  FerryOrderLineItems: orderLineItems,
  FerryFulfillmentOrders: fulfillmentOrders,
  FerryFulfillmentCreate: fulfillmentCreate,
  FerryFulfillmentOrderHold: fulfillmentOrderHold,
  FerryInventorySetQuantities: inventorySetQuantities,
  FerryInventoryLevels: inventoryLevels,
  FerryOrderCancel: orderCancel,
  FerryJob: jobQuery,
  FerryShop: shopQuery,
};

export interface EndpointAnswer {
  status: number;
  body: unknown;
  /** Operation name, for the simulator's counters. */
  operation: string;
  throttled: boolean;
}

export interface EndpointOptions {
  bucket: SimCostBucket;
  costOverrides: Readonly<Record<string, number>>;
  /** HTTP status of a THROTTLED answer: 200 or 429, both reported in the wild (§1.5 UNCONFIRMED). */
  throttleHttpStatus: 200 | 429;
}

/** Answers one GraphQL request whose body has been parsed into `ctx.query` / `ctx.variables`. */
export function answerGraphql(
  ctx: OpContext,
  operationName: string | undefined,
  o: EndpointOptions,
): EndpointAnswer {
  const operation = operationName ?? /\b(?:query|mutation)\s+(\w+)/.exec(ctx.query)?.[1] ?? 'anonymous';
  const handler = OPERATIONS[operation];
  const answer = (status: number, body: unknown, throttled = false): EndpointAnswer => ({
    status,
    body,
    operation,
    throttled,
  });
  if (!handler) {
    return answer(200, {
      errors: [
        {
          message: `simulator: operation ${operation} is not one the simulator answers`,
          extensions: { code: 'BAD_REQUEST' },
        },
      ],
    });
  }
  const requested = o.costOverrides[operation] ?? handler.requestedCost(ctx);
  const cost = (actual: number | null) => ({
    cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: o.bucket.status() },
  });
  if (requested > o.bucket.maximumAvailable) {
    const error: GqlError = {
      message: `Query cost is ${requested}, which exceeds the single query max cost limit (${o.bucket.maximumAvailable}).`,
      extensions: { code: 'MAX_COST_EXCEEDED', cost: requested, maxCost: o.bucket.maximumAvailable },
    };
    return answer(200, { errors: [error], extensions: cost(null) });
  }
  if (!o.bucket.tryTake(requested)) {
    const error: GqlError = {
      message: 'Throttled',
      extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' },
    };
    return answer(o.throttleHttpStatus, { errors: [error], extensions: cost(null) }, true);
  }
  const result = handler.run(ctx);
  const actual = Math.min(requested, result.actualCost ?? requested);
  o.bucket.refund(requested - actual);
  return answer(200, {
    ...(result.data === undefined ? {} : { data: result.data }),
    ...(result.errors ? { errors: result.errors } : {}),
    extensions: cost(actual),
  });
}
