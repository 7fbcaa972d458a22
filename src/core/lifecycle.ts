/**
 * The order lifecycle (DESIGN.md §4). Transitions are the only way state changes; each is
 * idempotent, and an event older than the state it would change is recorded and ignored.
 */

export const OrderState = {
  received: 'received',
  validated: 'validated',
  rejected: 'rejected',
  accepted: 'accepted',
  reserved: 'reserved',
  released: 'released',
  picked: 'picked',
  packed: 'packed',
  shippedPartially: 'shipped_partially',
  shipped: 'shipped',
  delivered: 'delivered',
  cancelled: 'cancelled',
  returnRequested: 'return_requested',
  returned: 'returned',
  refunded: 'refunded',
} as const;
export type OrderState = (typeof OrderState)[keyof typeof OrderState];

/** Progress rank: a forward move may skip states (a shipment can arrive before the release ack). */
const RANK: Record<OrderState, number> = {
  received: 0,
  rejected: 1,
  validated: 1,
  accepted: 2,
  reserved: 3,
  released: 4,
  picked: 5,
  packed: 6,
  shipped_partially: 7,
  shipped: 8,
  delivered: 9,
  return_requested: 10,
  returned: 11,
  refunded: 12,
  cancelled: 99,
};

const FULFILMENT: OrderState[] = [
  'accepted',
  'reserved',
  'released',
  'picked',
  'packed',
  'shipped_partially',
  'shipped',
  'delivered',
];

/** Explicit moves that are not simple forward progress. */
const SPECIAL: Partial<Record<OrderState, OrderState[]>> = {
  rejected: ['validated', 'received', 'accepted', 'rejected', 'cancelled'],
  received: ['validated', 'rejected', 'cancelled', 'accepted'],
  validated: ['accepted', 'rejected', 'cancelled'],
  shipped_partially: ['shipped_partially', 'shipped', 'delivered'],
};

/** States from which a cancellation is still possible (nothing has shipped). */
export function isCancellable(s: OrderState): boolean {
  return RANK[s] < RANK.shipped_partially;
}

/** Whether the warehouse has the order (changes after this point are conflicts for a person). */
export function isReleased(s: OrderState): boolean {
  return s !== 'cancelled' && RANK[s] >= RANK.released;
}

export type TransitionResult =
  | { kind: 'applied'; from: OrderState; to: OrderState }
  | { kind: 'unchanged'; state: OrderState }
  | { kind: 'refused'; from: OrderState; to: OrderState; reason: string };

/** Decides a transition; pure. Repeating the current state is `unchanged` (idempotent). */
export function transition(from: OrderState, to: OrderState): TransitionResult {
  if (from === to && to !== 'shipped_partially') return { kind: 'unchanged', state: from };
  if (from === 'cancelled') return { kind: 'refused', from, to, reason: 'the order is cancelled' };
  if (to === 'cancelled') {
    return isCancellable(from)
      ? { kind: 'applied', from, to }
      : { kind: 'refused', from, to, reason: `the order is already ${from}` };
  }
  const special = SPECIAL[from];
  if (special?.includes(to)) return { kind: 'applied', from, to };
  if (FULFILMENT.includes(from) && FULFILMENT.includes(to) && RANK[to] > RANK[from])
    return { kind: 'applied', from, to };
  if (RANK[from] >= RANK.shipped && RANK[to] === RANK[from] + 1) return { kind: 'applied', from, to };
  if (RANK[to] < RANK[from]) return { kind: 'refused', from, to, reason: `${to} is behind ${from}` };
  return { kind: 'refused', from, to, reason: `no transition from ${from} to ${to}` };
}

/** True when an event stamped `eventAt` is older than the version already applied. */
export function isStale(appliedAt: string | null, eventAt: string): boolean {
  return appliedAt !== null && Date.parse(eventAt) < Date.parse(appliedAt);
}
