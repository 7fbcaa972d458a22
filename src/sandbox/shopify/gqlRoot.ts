/**
 * The root resolvers graphql-js executes a validated document with. Every root field first checks
 * Shopify's input limit: "Input arguments that accept an array have a maximum size of 250"
 * (shopify.dev/docs/api/usage/limits, "Input limits").
 */
import { GraphQLError } from 'graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { jobById, orderCancel } from './gqlCancel.js';
import { fulfillmentCreate, fulfillmentOrderById } from './gqlFulfillment.js';
import { fulfillmentOrderHold } from './gqlHold.js';
import { inventorySetQuantities, nodes } from './gqlInventory.js';
import { orderById, orders } from './gqlOrders.js';
import type { SimContext } from './gqlTypes.js';

export const MAX_INPUT_ARRAY = 250;

type Resolver = (args: never, ctx: SimContext, info: GraphQLResolveInfo) => unknown;

const ROOT: Record<string, Resolver> = {
  order: (a: { id: string }, ctx) => orderById(ctx, a.id),
  orders: (a: Parameters<typeof orders>[1], ctx) => orders(ctx, a),
  fulfillmentOrder: (a: { id: string }, ctx) => fulfillmentOrderById(ctx, a.id),
  nodes: (a: { ids: string[] }, ctx) => nodes(ctx, a),
  job: (a: { id: string }, ctx) => jobById(ctx, a.id),
  shop: () => ({ id: 'gid://shopify/Shop/1', name: 'Ferry test shop' }),
  fulfillmentCreate: (a: Parameters<typeof fulfillmentCreate>[1], ctx) => fulfillmentCreate(ctx, a),
  fulfillmentOrderHold: (a: Parameters<typeof fulfillmentOrderHold>[1], ctx) => fulfillmentOrderHold(ctx, a),
  inventorySetQuantities: (a: Parameters<typeof inventorySetQuantities>[1], ctx, info) =>
    inventorySetQuantities(ctx, a, info),
  orderCancel: (a: Parameters<typeof orderCancel>[1], ctx) => orderCancel(ctx, a),
};

/** graphql-js's root value: one function per root field, behind the input-size check. */
export const rootValue: Record<string, Resolver> = Object.fromEntries(
  Object.entries(ROOT).map(([name, fn]) => [
    name,
    (args: never, ctx: SimContext, info: GraphQLResolveInfo) => {
      checkArraySizes(args);
      return fn(args, ctx, info);
    },
  ]),
);

/** Wording as Shopify answers it in reports from the field (UNCONFIRMED on a reference page). */
function checkArraySizes(value: unknown): void {
  if (Array.isArray(value)) {
    if (value.length > MAX_INPUT_ARRAY)
      throw new GraphQLError(
        `The input array size of ${value.length} is greater than the maximum allowed of ${MAX_INPUT_ARRAY}.`,
        { extensions: { code: 'MAX_INPUT_SIZE_EXCEEDED' } },
      );
    value.forEach(checkArraySizes);
  } else if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(checkArraySizes);
  }
}
