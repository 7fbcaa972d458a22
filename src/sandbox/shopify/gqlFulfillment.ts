/**
 * Fulfillment orders and `fulfillmentCreate` (mutations/fulfillmentCreate, 2026-04). A refusal
 * changes nothing. Rules enforced, each from the reference pages:
 * - input-objects/FulfillmentInput: every fulfillment order in one call belongs to the same order
 *   and is assigned to the same location;
 * - input-objects/FulfillmentTrackingInput: `url` needs `number`, `urls` needs `numbers`, and
 *   `url`/`urls`, `number`/`numbers` are not given together;
 * - a quantity above what remains on a fulfillment-order line is refused.
 * The wording of these userErrors is the simulator's (UNCONFIRMED); the payload's `userErrors` is
 * the plain `UserError` type, which has no `code` (objects/UserError).
 */
import { GraphQLError } from 'graphql';
import { lineNode } from './gqlOrders.js';
import { connection } from './gqlPaging.js';
import type { PageArgs } from './gqlPaging.js';
import type { SimContext, UserError } from './gqlTypes.js';
import type { FulfillmentOrderRecord, FulfillmentRecord, TrackingInfoInput } from './state.js';

export function foObject(ctx: SimContext, fo: FulfillmentOrderRecord) {
  const order = ctx.state.orders.get(fo.orderId);
  return {
    __typename: 'FulfillmentOrder',
    id: fo.id,
    status: fo.status,
    orderId: `gid://shopify/Order/${fo.orderId}`,
    assignedLocation: {
      name: locationName(fo.locationId),
      location: { id: fo.locationId, name: locationName(fo.locationId) },
    },
    lineItems: (args: PageArgs) =>
      connection(
        fo.lines,
        args,
        (l) => l.id,
        (l) => {
          const li = order?.line_items.find((x) => x.admin_graphql_api_id === l.lineItemId);
          return {
            id: l.id,
            remainingQuantity: l.remainingQuantity,
            totalQuantity: l.totalQuantity,
            sku: l.sku,
            lineItem: li
              ? lineNode(li)
              : { id: l.lineItemId, sku: l.sku, name: '', title: '', quantity: l.totalQuantity },
          };
        },
      ),
  };
}

function locationName(id: string): string {
  return `Location ${id.slice(id.lastIndexOf('/') + 1)}`;
}

export function fulfillmentOrderById(ctx: SimContext, id: string) {
  const fo = ctx.state.fulfillmentOrders.get(id);
  return fo ? foObject(ctx, fo) : null;
}

interface FulfillmentInput {
  notifyCustomer?: boolean;
  trackingInfo?: TrackingInfoInput | null;
  lineItemsByFulfillmentOrder: {
    fulfillmentOrderId: string;
    fulfillmentOrderLineItems?: { id: string; quantity: number }[] | null;
  }[];
}

export function fulfillmentCreate(
  ctx: SimContext,
  args: { fulfillment: FulfillmentInput; message?: string | null },
) {
  const plan: FulfillmentRecord['lines'] = [];
  const errors = [
    ...trackingErrors(args.fulfillment.trackingInfo ?? undefined),
    ...planLines(ctx, args.fulfillment, plan),
  ];
  if (errors.length > 0) return { fulfillment: null, userErrors: errors };
  const record = apply(ctx, args, plan);
  return {
    fulfillment: { id: record.id, status: record.status, trackingInfo: trackingNodes(record.trackingInfo) },
    userErrors: [],
  };
}

function trackingErrors(t: TrackingInfoInput | undefined): UserError[] {
  if (!t) return [];
  const at = (f: string) => ['fulfillment', 'trackingInfo', f];
  const errors: UserError[] = [];
  if (t.url && t.urls) errors.push({ field: at('urls'), message: 'Provide either url or urls, not both.' });
  if (t.number && t.numbers)
    errors.push({ field: at('numbers'), message: 'Provide either number or numbers, not both.' });
  if (t.url && !t.number && !t.numbers?.length)
    errors.push({ field: at('url'), message: 'A tracking url requires a tracking number.' });
  if (t.urls?.length && !t.numbers?.length && !t.number)
    errors.push({ field: at('urls'), message: 'Tracking urls require tracking numbers.' });
  return errors;
}

/** Validates the whole request before touching anything. */
function planLines(ctx: SimContext, input: FulfillmentInput, plan: FulfillmentRecord['lines']): UserError[] {
  const groups = input.lineItemsByFulfillmentOrder;
  if (groups.length === 0)
    return [{ field: ['fulfillment', 'lineItemsByFulfillmentOrder'], message: 'must not be empty' }];
  const errors: UserError[] = [];
  const fos = groups.map((g) => ctx.state.fulfillmentOrders.get(g.fulfillmentOrderId));
  const first = fos.find((f) => f !== undefined);
  if (first && fos.some((f) => f && (f.orderId !== first.orderId || f.locationId !== first.locationId))) {
    return [
      {
        field: ['fulfillment', 'lineItemsByFulfillmentOrder'],
        message: 'All fulfillment orders must belong to the same order and be assigned to the same location.',
      },
    ];
  }
  groups.forEach((g, i) => {
    const at = ['fulfillment', 'lineItemsByFulfillmentOrder', String(i)];
    const fo = fos[i];
    if (!fo)
      return errors.push({
        field: [...at, 'fulfillmentOrderId'],
        message: 'Fulfillment order does not exist.',
      });
    if (fo.status !== 'OPEN' && fo.status !== 'IN_PROGRESS')
      return errors.push({
        field: [...at, 'fulfillmentOrderId'],
        message: `Fulfillment order is ${fo.status}.`,
      });
    const wanted =
      g.fulfillmentOrderLineItems ??
      fo.lines
        .filter((l) => l.remainingQuantity > 0)
        .map((l) => ({ id: l.id, quantity: l.remainingQuantity }));
    wanted.forEach((w, j) => {
      const line = fo.lines.find((l) => l.id === w.id);
      const field = [...at, 'fulfillmentOrderLineItems', String(j), line ? 'quantity' : 'id'];
      if (!line) errors.push({ field, message: 'Fulfillment order line item does not exist.' });
      else if (w.quantity <= 0 || w.quantity > line.remainingQuantity)
        errors.push({
          field,
          message: `Quantity ${w.quantity} exceeds the remaining ${line.remainingQuantity}.`,
        });
      else
        plan.push({ fulfillmentOrderId: fo.id, fulfillmentOrderLineItemId: line.id, quantity: w.quantity });
    });
    return undefined;
  });
  return errors;
}

function apply(
  ctx: SimContext,
  args: { fulfillment: FulfillmentInput; message?: string | null },
  plan: FulfillmentRecord['lines'],
): FulfillmentRecord {
  let orderId = '';
  for (const p of plan) {
    const fo = ctx.state.fulfillmentOrders.get(p.fulfillmentOrderId)!;
    fo.lines.find((l) => l.id === p.fulfillmentOrderLineItemId)!.remainingQuantity -= p.quantity;
    fo.status = fo.lines.every((l) => l.remainingQuantity === 0) ? 'CLOSED' : 'IN_PROGRESS';
    orderId = fo.orderId;
  }
  if (!orderId) throw new GraphQLError('simulator: a fulfillment without lines');
  const now = new Date(ctx.clock.now()).toISOString();
  const record: FulfillmentRecord = {
    id: `gid://shopify/Fulfillment/${ctx.state.nextId()}`,
    orderId,
    status: 'SUCCESS',
    lines: plan,
    trackingInfo: args.fulfillment.trackingInfo ?? {},
    notifyCustomer: args.fulfillment.notifyCustomer ?? false,
    message: args.message ?? null,
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
