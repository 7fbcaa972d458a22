/**
 * `fulfillmentOrderHold` (mutations/fulfillmentOrderHold, 2026-04): the FO goes ON_HOLD with the
 * hold recorded for tests. Since 2025-01 an FO already on hold takes another hold; a handle may be
 * used once per app and FO (DUPLICATE_FULFILLMENT_HOLD_HANDLE); at most 10 active holds per app
 * (FULFILLMENT_ORDER_HOLD_LIMIT_REACHED). Codes from enums/FulfillmentOrderHoldUserErrorCode; a
 * refusal the enum has no code for (a closed FO) carries `code: null`, which the type allows.
 * Holding some lines only (which splits the FO) is not simulated.
 */
import { GraphQLError } from 'graphql';
import type { SimContext, UserError } from './gqlTypes.js';

interface HoldInput {
  reason: string;
  reasonNotes?: string | null;
  notifyMerchant?: boolean;
  handle?: string | null;
  fulfillmentOrderLineItems?: unknown[] | null;
}

const HOLDABLE = new Set(['OPEN', 'IN_PROGRESS', 'ON_HOLD']);

export function fulfillmentOrderHold(ctx: SimContext, args: { id: string; fulfillmentHold: HoldInput }) {
  const fo = ctx.state.fulfillmentOrders.get(args.id);
  const input = args.fulfillmentHold;
  const refuse = (e: UserError) => ({
    fulfillmentHold: null,
    fulfillmentOrder: null,
    remainingFulfillmentOrder: null,
    userErrors: [e],
  });
  if (!fo)
    return refuse({
      code: 'FULFILLMENT_ORDER_NOT_FOUND',
      field: ['id'],
      message: 'Fulfillment order does not exist.',
    });
  if (!HOLDABLE.has(fo.status))
    return refuse({
      code: null,
      field: ['id'],
      message: `Fulfillment order is ${fo.status} and cannot be held.`,
    });
  if (input.fulfillmentOrderLineItems?.length)
    throw new GraphQLError('simulator: holds on some lines of a fulfillment order are not simulated');
  const holds = (fo.holds ??= []);
  if (input.handle && holds.some((h) => h.handle === input.handle))
    return refuse({
      code: 'DUPLICATE_FULFILLMENT_HOLD_HANDLE',
      field: ['fulfillmentHold', 'handle'],
      message:
        'The handle provided for the fulfillment hold is already in use by this app for another hold on this fulfillment order.',
    });
  if (holds.length >= 10)
    return refuse({
      code: 'FULFILLMENT_ORDER_HOLD_LIMIT_REACHED',
      field: ['id'],
      message:
        'The maximum number of fulfillment holds for this fulfillment order has been reached for this app.',
    });
  const hold = {
    id: `gid://shopify/FulfillmentHold/${ctx.state.nextId()}`,
    handle: input.handle ?? null,
    reason: input.reason,
    reasonNotes: input.reasonNotes ?? null,
    notifyMerchant: input.notifyMerchant ?? false,
  };
  holds.push(hold);
  fo.status = 'ON_HOLD';
  return {
    fulfillmentHold: { id: hold.id, handle: hold.handle, reason: hold.reason, reasonNotes: hold.reasonNotes },
    fulfillmentOrder: { id: fo.id, status: fo.status },
    remainingFulfillmentOrder: null,
    userErrors: [],
  };
}
