/**
 * Holds before release (issue 14): an order waits before it goes to a warehouse while it is unpaid
 * or only authorised, marked high-risk by the channel, held by a person, or its Odoo total differs
 * from the channel's beyond the rounding allowance. Holds are events on the order's timeline
 * (`hold`, `hold_released`), so who held and released what, and why, is the audit trail itself.
 */
import type { Order } from '../../core/model.js';
import type { NewJob, StoreSession } from '../../store/index.js';
import type { ChannelRules } from './deps.js';

export const HoldKind = {
  payment: 'payment',
  risk: 'risk',
  total: 'total',
  manual: 'manual',
} as const;
export type HoldKind = (typeof HoldKind)[keyof typeof HoldKind];

export interface Hold {
  kind: HoldKind;
  reason: string;
  by: string;
  at: number;
}

/** Financial statuses that mean the money is not captured yet (Shopify `financial_status`). */
const UNPAID = new Set(['pending', 'authorized', 'partially_paid']);

/** The holds the channel's rules put on an order at acceptance. */
export function ruleHolds(order: Order, rules: ChannelRules): { kind: HoldKind; reason: string }[] {
  const out: { kind: HoldKind; reason: string }[] = [];
  if (rules.holds?.unpaid && UNPAID.has(order.financialStatus))
    out.push({ kind: 'payment', reason: `financial status is ${order.financialStatus}` });
  if ((rules.holds?.highRisk ?? true) && order.riskLevel === 'high')
    out.push({ kind: 'risk', reason: 'the channel marks the order high-risk' });
  return out;
}

/** The payment hold ends once the channel reports the order paid. */
export function paymentSettled(order: Order): boolean {
  return !UNPAID.has(order.financialStatus) && order.financialStatus !== 'voided';
}

/** Holds in force: every `hold` not yet ended by a `hold_released` naming its kind (or all). */
export async function activeHolds(s: Pick<StoreSession, 'orders'>, orderId: number): Promise<Hold[]> {
  const held = new Map<HoldKind, Hold>();
  for (const e of await s.orders.listOrderEvents(orderId)) {
    const d = (e.detail ?? {}) as { kind?: HoldKind; kinds?: HoldKind[]; reason?: string; by?: string };
    if (e.type === 'hold' && d.kind)
      held.set(d.kind, { kind: d.kind, reason: d.reason ?? '', by: d.by ?? e.source ?? '', at: e.at });
    if (e.type === 'hold_released') for (const k of d.kinds ?? [...held.keys()]) held.delete(k);
  }
  return [...held.values()];
}

export async function addHold(
  s: Pick<StoreSession, 'orders'>,
  orderId: number,
  hold: { kind: HoldKind; reason: string; by: string },
  now: number,
): Promise<void> {
  await s.orders.appendOrderEvent({ orderId, at: now, type: 'hold', source: hold.by, detail: hold });
}

/** Ends holds of the given kinds (all when none are given). */
export async function releaseHolds(
  s: Pick<StoreSession, 'orders'>,
  orderId: number,
  release: { kinds?: HoldKind[]; reason: string; by: string },
  now: number,
): Promise<void> {
  await s.orders.appendOrderEvent({
    orderId,
    at: now,
    type: 'hold_released',
    source: release.by,
    detail: release,
  });
}

/**
 * The release job asked again once the last hold ends. The fulfilment flow owns the task; its name
 * and payload are its contract (`warehouse.release {ref}` on the fulfilment lane).
 */
export function releaseAgainJob(ref: string, at: number): NewJob {
  return {
    lane: 'fulfilment',
    task: 'warehouse.release',
    payload: { ref },
    orderingKey: `order:${ref}`,
    idempotencyKey: `release:${ref}:after-hold:${at}`,
  };
}
