/**
 * `order(id).fulfillmentOrders` and `fulfillmentCreate` (PROTOCOLS.md §1.4). Fulfillments are
 * recorded in the state for tests to inspect; quantities above what remains are refused whole.
 */
import { firstOf, str } from './gqlTypes.js';
import type { OpContext, OpHandler } from './gqlTypes.js';
import type { FulfillmentOrderRecord, FulfillmentRecord, TrackingInfoInput } from './state.js';

export const fulfillmentOrders: OpHandler = {
  requestedCost: ({ query }) =>
    3 + firstOf(query, 'fulfillmentOrders', 5) * (4 + firstOf(query, 'lineItems', 50) * 2),
  run(ctx) {
    const id = str(ctx.variables.id) ?? '';
    const orderId = id.slice(id.lastIndexOf('/') + 1);
    if (!ctx.state.orders.has(orderId)) return { data: { order: null }, actualCost: 1 };
    const fos = ctx.state.fulfillmentOrdersOf(orderId);
    return {
      data: { order: { fulfillmentOrders: { nodes: fos.map(foNode) } } },
      actualCost: 3 + fos.reduce((s, fo) => s + 4 + fo.lines.length * 2, 0),
    };
  },
};

function foNode(fo: FulfillmentOrderRecord) {
  return {
    id: fo.id,
    status: fo.status,
    assignedLocation: { location: { id: fo.locationId } },
    lineItems: {
      nodes: fo.lines.map((l) => ({
        id: l.id,
        remainingQuantity: l.remainingQuantity,
        totalQuantity: l.totalQuantity,
        lineItem: { id: l.lineItemId, sku: l.sku },
      })),
    },
  };
}

interface FulfillmentInput {
  notifyCustomer?: boolean;
  trackingInfo?: TrackingInfoInput;
  lineItemsByFulfillmentOrder?: {
    fulfillmentOrderId: string;
    fulfillmentOrderLineItems?: { id: string; quantity: number }[];
  }[];
}

type UserError = { field: string[]; message: string };

export const fulfillmentCreate: OpHandler = {
  requestedCost: () => 10,
  run(ctx) {
    const input = (ctx.variables.fulfillment ?? {}) as FulfillmentInput;
    const plan: FulfillmentRecord['lines'] = [];
    const errors = planLines(ctx, input, plan);
    if (errors.length > 0) return { data: { fulfillmentCreate: { fulfillment: null, userErrors: errors } } };
    const record = apply(ctx, input, plan);
    return {
      data: {
        fulfillmentCreate: {
          fulfillment: {
            id: record.id,
            status: record.status,
            trackingInfo: trackingNodes(record.trackingInfo),
          },
          userErrors: [],
        },
      },
    };
  },
};

/** Validates the whole request before touching anything: a refusal changes nothing. */
function planLines(ctx: OpContext, input: FulfillmentInput, plan: FulfillmentRecord['lines']): UserError[] {
  const groups = input.lineItemsByFulfillmentOrder ?? [];
  if (groups.length === 0)
    return [{ field: ['fulfillment', 'lineItemsByFulfillmentOrder'], message: 'must not be empty' }];
  const errors: UserError[] = [];
  groups.forEach((g, i) => {
    const at = ['fulfillment', 'lineItemsByFulfillmentOrder', String(i)];
    const fo = ctx.state.fulfillmentOrders.get(g.fulfillmentOrderId);
    if (!fo)
      return errors.push({
        field: [...at, 'fulfillmentOrderId'],
        message: 'Fulfillment order does not exist.',
      });
    if (fo.status !== 'OPEN' && fo.status !== 'IN_PROGRESS') {
      return errors.push({
        field: [...at, 'fulfillmentOrderId'],
        message: `Fulfillment order is ${fo.status}.`,
      });
    }
    const wanted =
      g.fulfillmentOrderLineItems ??
      fo.lines
        .filter((l) => l.remainingQuantity > 0)
        .map((l) => ({ id: l.id, quantity: l.remainingQuantity }));
    wanted.forEach((w, j) => {
      const line = fo.lines.find((l) => l.id === w.id);
      const field = [...at, 'fulfillmentOrderLineItems', String(j), line ? 'quantity' : 'id'];
      if (!line) errors.push({ field, message: 'Fulfillment order line item does not exist.' });
      else if (w.quantity <= 0 || w.quantity > line.remainingQuantity) {
        errors.push({
          field,
          message: `Quantity ${w.quantity} exceeds the remaining ${line.remainingQuantity}.`,
        });
      } else
        plan.push({ fulfillmentOrderId: fo.id, fulfillmentOrderLineItemId: line.id, quantity: w.quantity });
    });
    return undefined;
  });
  return errors;
}

function apply(ctx: OpContext, input: FulfillmentInput, plan: FulfillmentRecord['lines']): FulfillmentRecord {
  let orderId = '';
  for (const p of plan) {
    const fo = ctx.state.fulfillmentOrders.get(p.fulfillmentOrderId)!;
    fo.lines.find((l) => l.id === p.fulfillmentOrderLineItemId)!.remainingQuantity -= p.quantity;
    fo.status = fo.lines.every((l) => l.remainingQuantity === 0) ? 'CLOSED' : 'IN_PROGRESS';
    orderId = fo.orderId;
  }
  const now = new Date(ctx.clock.now()).toISOString();
  const record: FulfillmentRecord = {
    id: `gid://shopify/Fulfillment/${ctx.state.nextId()}`,
    orderId,
    status: 'SUCCESS',
    lines: plan,
    trackingInfo: input.trackingInfo ?? {},
    notifyCustomer: input.notifyCustomer ?? false,
    message: str(ctx.variables.message) ?? null,
    createdAt: now,
  };
  ctx.state.fulfillments.push(record);
  const order = ctx.state.orders.get(orderId);
  if (order) {
    const all = ctx.state.fulfillmentOrdersOf(orderId).every((fo) => fo.status === 'CLOSED');
    order.fulfillment_status = all ? 'fulfilled' : 'partial';
    order.updated_at = now;
  }
  return record;
}

function trackingNodes(t: TrackingInfoInput) {
  const numbers = t.numbers ?? (t.number ? [t.number] : []);
  const urls = t.urls ?? (t.url ? [t.url] : []);
  return numbers.map((n, i) => ({ company: t.company ?? null, number: n, url: urls[i] ?? null }));
}
