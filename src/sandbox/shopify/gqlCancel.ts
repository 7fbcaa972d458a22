/**
 * `orderCancel` answers with a job that completes later (PROTOCOLS.md §1.4, §7 item 1); the order
 * is cancelled when the job finishes, and `orders/cancelled` follows through the hooks. Codes from
 * enums/OrderCancelUserErrorCode (NOT_FOUND, INVALID).
 */
import { gidTail } from './gqlTypes.js';
import type { SimContext, UserError } from './gqlTypes.js';

interface CancelArgs {
  orderId: string;
  reason: string;
  restock: boolean;
  refundMethod?: { originalPaymentMethodsRefund?: boolean | null } | null;
}

export function orderCancel(ctx: SimContext, args: CancelArgs) {
  const orderId = gidTail(args.orderId);
  const order = ctx.state.orders.get(orderId);
  const refuse = (e: UserError) => ({ job: null, orderCancelUserErrors: [e], userErrors: [e] });
  if (!order) return refuse({ code: 'NOT_FOUND', field: ['orderId'], message: 'Order does not exist.' });
  if (order.cancelled_at)
    return refuse({ code: 'INVALID', field: ['orderId'], message: 'Order has already been cancelled.' });
  if (ctx.state.fulfillments.some((f) => f.orderId === orderId))
    return refuse({
      code: 'INVALID',
      field: ['orderId'],
      message: 'Cannot cancel an order with fulfillments.',
    });
  const job = { id: `gid://shopify/Job/${ctx.state.nextId()}`, done: false };
  ctx.state.jobs.set(job.id, job);
  const reason = args.reason.toLowerCase();
  ctx.hooks.schedule(() => {
    const now = new Date(ctx.clock.now()).toISOString();
    order.cancelled_at = now;
    order.cancel_reason = reason;
    order.updated_at = now;
    if (args.refundMethod?.originalPaymentMethodsRefund)
      order.financial_status = order.financial_status === 'authorized' ? 'voided' : 'refunded';
    for (const fo of ctx.state.fulfillmentOrdersOf(orderId)) fo.status = 'CANCELLED';
    job.done = true;
    ctx.hooks.orderCancelled(orderId);
  }, ctx.hooks.cancelJobDelayMs);
  return { job: { ...job }, orderCancelUserErrors: [], userErrors: [] };
}

export function jobById(ctx: SimContext, id: string) {
  const job = ctx.state.jobs.get(id);
  return job ? { __typename: 'Job', ...job } : null;
}
