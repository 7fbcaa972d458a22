/**
 * `fulfillmentOrderHold` (shopify.dev admin-graphql 2026-04): the FO goes ON_HOLD with the hold
 * recorded for tests. Since 2025-01 an FO already on hold takes another hold; a handle may be used
 * once per app and FO; at most 10 active holds per app. A closed or cancelled FO cannot be held.
 * Holding some lines only (fulfillmentOrderLineItems, which splits the FO) is not simulated.
 */
import { str } from './gqlTypes.js';
import type { OpHandler } from './gqlTypes.js';

interface HoldInput {
  reason?: string;
  reasonNotes?: string;
  notifyMerchant?: boolean;
  handle?: string;
  fulfillmentOrderLineItems?: unknown[];
}

const HOLDABLE = new Set(['OPEN', 'IN_PROGRESS', 'ON_HOLD']);

export const fulfillmentOrderHold: OpHandler = {
  requestedCost: () => 10,
  run(ctx) {
    const fo = ctx.state.fulfillmentOrders.get(str(ctx.variables.id) ?? '');
    const input = (ctx.variables.fulfillmentHold ?? {}) as HoldInput;
    const refuse = (code: string, field: string[], message: string) => ({
      data: {
        fulfillmentOrderHold: {
          fulfillmentHold: null,
          fulfillmentOrder: null,
          remainingFulfillmentOrder: null,
          userErrors: [{ code, field, message }],
        },
      },
    });
    if (!fo) return refuse('FULFILLMENT_ORDER_NOT_FOUND', ['id'], 'Fulfillment order does not exist.');
    if (!HOLDABLE.has(fo.status))
      return refuse('INVALID', ['id'], `Fulfillment order is ${fo.status} and cannot be held.`);
    if (!input.reason) return refuse('INVALID', ['fulfillmentHold', 'reason'], 'Reason is required.');
    if (input.fulfillmentOrderLineItems?.length)
      return refuse(
        'INVALID',
        ['fulfillmentHold', 'fulfillmentOrderLineItems'],
        'simulator: partial holds are not simulated.',
      );
    const holds = (fo.holds ??= []);
    if (input.handle && holds.some((h) => h.handle === input.handle))
      return refuse(
        'DUPLICATE_FULFILLMENT_HOLD_HANDLES',
        ['fulfillmentHold', 'handle'],
        'The handle provided for the fulfillment hold is already in use by this app for another hold on this fulfillment order.',
      );
    if (holds.length >= 10)
      return refuse(
        'FULFILLMENT_ORDER_HOLD_LIMIT_REACHED',
        ['id'],
        'The maximum number of fulfillment holds for this fulfillment order has been reached for this app.',
      );
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
      data: {
        fulfillmentOrderHold: {
          fulfillmentHold: {
            id: hold.id,
            handle: hold.handle,
            reason: hold.reason,
            reasonNotes: hold.reasonNotes,
          },
          fulfillmentOrder: { id: fo.id, status: fo.status },
          remainingFulfillmentOrder: null,
          userErrors: [],
        },
      },
    };
  },
};
