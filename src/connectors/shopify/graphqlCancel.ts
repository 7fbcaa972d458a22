/**
 * `orderCancel` (PROTOCOLS.md §1.4): asynchronous and irreversible. The answer is a job; the order
 * is cancelled when the job is done (or when `orders/cancelled` arrives).
 */
import type { ShopifyGraphqlClient } from './graphqlClient.js';
import { toGid } from './graphqlTypes.js';
import type { ShopifyUserError } from './graphqlTypes.js';
import { throwOnUserErrors } from './graphqlUserErrors.js';

/** `OrderCancelReason` values. */
export const OrderCancelReason = {
  customer: 'CUSTOMER',
  declined: 'DECLINED',
  fraud: 'FRAUD',
  inventory: 'INVENTORY',
  staff: 'STAFF',
  other: 'OTHER',
} as const;
export type OrderCancelReason = (typeof OrderCancelReason)[keyof typeof OrderCancelReason];

export interface OrderCancelInput {
  orderId: string | number;
  reason: OrderCancelReason;
  restock: boolean;
  /** Refund to the original payment methods; default true. */
  refund?: boolean;
  notifyCustomer?: boolean;
  staffNote?: string;
}

const ORDER_CANCEL = `mutation FerryOrderCancel($orderId: ID!, $reason: OrderCancelReason!, $restock: Boolean!,
  $notifyCustomer: Boolean, $staffNote: String, $refundMethod: OrderCancelRefundMethodInput!) {
  orderCancel(orderId: $orderId, reason: $reason, restock: $restock, notifyCustomer: $notifyCustomer,
    staffNote: $staffNote, refundMethod: $refundMethod) {
    job { id done }
    orderCancelUserErrors { code field message }
  }
}`;

/** Starts the cancellation; returns the job. Refusals (already cancelled, open fulfillments) throw. */
export async function orderCancel(
  client: ShopifyGraphqlClient,
  input: OrderCancelInput,
): Promise<{ jobId: string; done: boolean }> {
  const orderId = toGid('Order', input.orderId);
  const res = await client.request<{
    orderCancel: { job: { id: string; done: boolean } | null; orderCancelUserErrors: ShopifyUserError[] };
  }>(ORDER_CANCEL, {
    orderId,
    reason: input.reason,
    restock: input.restock,
    notifyCustomer: input.notifyCustomer ?? false,
    staffNote: input.staffNote ?? null,
    refundMethod: { originalPaymentMethodsRefund: input.refund ?? true },
  });
  const payload = res.data.orderCancel;
  throwOnUserErrors('orderCancel', payload.orderCancelUserErrors, client.partner, {
    shopifyOrderId: orderId,
  });
  if (!payload.job) throwOnUserErrors('orderCancel', [{ message: 'no job returned' }], client.partner);
  return { jobId: payload.job!.id, done: payload.job!.done };
}

const JOB_QUERY = `query FerryJob($id: ID!) { job(id: $id) { id done } }`;

/** Whether an asynchronous job (orderCancel's) has finished. */
export async function jobDone(client: ShopifyGraphqlClient, jobId: string): Promise<boolean> {
  const res = await client.request<{ job: { id: string; done: boolean } | null }>(JOB_QUERY, { id: jobId });
  return res.data.job?.done ?? false;
}
