/**
 * `orderCancel` answers with a job that completes later (PROTOCOLS.md §1.4, §7 item 1); the order
 * is cancelled when the job finishes, and `orders/cancelled` follows through the hooks.
 */
import { str } from './gqlTypes.js';
import type { OpHandler } from './gqlTypes.js';

type CancelError = { code: string; field: string[]; message: string };

export const orderCancel: OpHandler = {
  requestedCost: () => 10,
  run(ctx) {
    const gid = str(ctx.variables.orderId) ?? '';
    const orderId = gid.slice(gid.lastIndexOf('/') + 1);
    const order = ctx.state.orders.get(orderId);
    const refuse = (e: CancelError) => ({ data: { orderCancel: { job: null, orderCancelUserErrors: [e] } } });
    if (!order) return refuse({ code: 'NOT_FOUND', field: ['orderId'], message: 'Order does not exist.' });
    if (order.cancelled_at)
      return refuse({ code: 'INVALID', field: ['orderId'], message: 'Order has already been cancelled.' });
    if (ctx.state.fulfillments.some((f) => f.orderId === orderId)) {
      return refuse({
        code: 'INVALID',
        field: ['orderId'],
        message: 'Cannot cancel an order with fulfillments.',
      });
    }
    const job = { id: `gid://shopify/Job/${ctx.state.nextId()}`, done: false };
    ctx.state.jobs.set(job.id, job);
    const reason = (str(ctx.variables.reason) ?? 'OTHER').toLowerCase();
    ctx.hooks.schedule(() => {
      const now = new Date(ctx.clock.now()).toISOString();
      order.cancelled_at = now;
      order.cancel_reason = reason;
      order.updated_at = now;
      if (
        ctx.variables.refundMethod &&
        (ctx.variables.refundMethod as { originalPaymentMethodsRefund?: boolean })
          .originalPaymentMethodsRefund
      ) {
        order.financial_status = order.financial_status === 'authorized' ? 'voided' : 'refunded';
      }
      for (const fo of ctx.state.fulfillmentOrdersOf(orderId)) fo.status = 'CANCELLED';
      job.done = true;
      ctx.hooks.orderCancelled(orderId);
    }, ctx.hooks.cancelJobDelayMs);
    return { data: { orderCancel: { job: { ...job }, orderCancelUserErrors: [] } } };
  },
};

export const jobQuery: OpHandler = {
  requestedCost: () => 1,
  run(ctx) {
    const job = ctx.state.jobs.get(str(ctx.variables.id) ?? '');
    return { data: { job: job ? { ...job } : null } };
  },
};

/** A trivial query for tests of the cost bucket; its cost is set by the simulator's knob. */
export const shopQuery: OpHandler = {
  requestedCost: () => 1,
  run: () => ({ data: { shop: { name: 'Ferry test shop' } } }),
};
