/**
 * `fulfillmentOrderHold` (shopify.dev admin-graphql 2026-04, mutations/fulfillmentOrderHold): a hold
 * with a reason and notes on a fulfillment order, shown to the merchant in the admin. Ferry uses it
 * when a warehouse will not ship the rest of an order: what remains cannot be fulfilled as it stands
 * and a person decides (refund, re-route). A `handle` tells Ferry's holds apart; since 2025-01 an FO
 * may carry several holds, one per handle and app.
 */
import type { ShopifyGraphqlClient } from './graphqlClient.js';
import type { ShopifyUserError } from './graphqlTypes.js';
import { throwOnUserErrors } from './graphqlUserErrors.js';

/** `FulfillmentHoldReason` values Ferry uses. */
export const FulfillmentHoldReason = {
  inventoryOutOfStock: 'INVENTORY_OUT_OF_STOCK',
  other: 'OTHER',
} as const;
export type FulfillmentHoldReason = (typeof FulfillmentHoldReason)[keyof typeof FulfillmentHoldReason];

export interface FulfillmentOrderHoldInput {
  fulfillmentOrderId: string;
  reason: FulfillmentHoldReason;
  reasonNotes?: string;
  /** Shopify's notification to the merchant; default false (Shopify's default too). */
  notifyMerchant?: boolean;
  /** Unique among this app's holds on the fulfillment order. */
  handle?: string;
}

const FULFILLMENT_ORDER_HOLD = `mutation FerryFulfillmentOrderHold($id: ID!, $fulfillmentHold: FulfillmentOrderHoldInput!) {
  fulfillmentOrderHold(id: $id, fulfillmentHold: $fulfillmentHold) {
    fulfillmentHold { id handle reason reasonNotes }
    fulfillmentOrder { id status }
    userErrors { code field message }
  }
}`;

interface HoldPayload {
  fulfillmentHold: { id: string; handle: string | null; reason: string; reasonNotes: string | null } | null;
  fulfillmentOrder: { id: string; status: string } | null;
  userErrors: ShopifyUserError[];
}

/**
 * Holds one fulfillment order. DUPLICATE_FULFILLMENT_HOLD_HANDLE means this app already holds the
 * fulfillment order under this handle (enums/FulfillmentOrderHoldUserErrorCode): a retry after a
 * hold that landed, answered as already done (`alreadyHeld`). Other refusals (a closed order)
 * throw `partner_validation`.
 */
export async function fulfillmentOrderHold(
  client: ShopifyGraphqlClient,
  input: FulfillmentOrderHoldInput,
): Promise<{ holdId: string | null; status: string; alreadyHeld: boolean }> {
  const res = await client.request<{ fulfillmentOrderHold: HoldPayload }>(FULFILLMENT_ORDER_HOLD, {
    id: input.fulfillmentOrderId,
    fulfillmentHold: {
      reason: input.reason,
      notifyMerchant: input.notifyMerchant ?? false,
      ...(input.reasonNotes ? { reasonNotes: input.reasonNotes } : {}),
      ...(input.handle ? { handle: input.handle } : {}),
    },
  });
  const payload = res.data.fulfillmentOrderHold;
  if (input.handle && payload.userErrors.some((e) => e.code === 'DUPLICATE_FULFILLMENT_HOLD_HANDLE'))
    return { holdId: null, status: 'ON_HOLD', alreadyHeld: true };
  throwOnUserErrors('fulfillmentOrderHold', payload.userErrors, client.partner, {
    fulfillmentOrderId: input.fulfillmentOrderId,
  });
  if (!payload.fulfillmentHold || !payload.fulfillmentOrder)
    throwOnUserErrors('fulfillmentOrderHold', [{ message: 'no hold returned' }], client.partner);
  return {
    holdId: payload.fulfillmentHold!.id,
    status: payload.fulfillmentOrder!.status,
    alreadyHeld: false,
  };
}
