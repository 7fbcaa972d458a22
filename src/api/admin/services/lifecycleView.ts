/**
 * An order's lifecycle as the console shows it: a progress bar over the main path, where the
 * order stands, and what happens next, in words a support agent can read out to a customer.
 */
import type { OrderState } from '../../../core/lifecycle.js';

/** The main path every order walks; returns and refunds come after, cancellation ends it. */
export const STEPS = [
  { key: 'received', label: 'Received from the channel' },
  { key: 'accepted', label: 'Confirmed in Odoo' },
  { key: 'released', label: 'Released to the warehouse' },
  { key: 'shipped', label: 'Shipped, tracking on the channel' },
  { key: 'delivered', label: 'Delivered' },
] as const;

/** How far along the main path each state is (index into STEPS). */
const AT: Record<OrderState, number> = {
  received: 0,
  validated: 0,
  rejected: 0,
  accepted: 1,
  reserved: 1,
  released: 2,
  picked: 2,
  packed: 2,
  shipped_partially: 2,
  shipped: 3,
  delivered: 4,
  return_requested: 4,
  returned: 4,
  refunded: 4,
  cancelled: -1,
};

const HELPER: Record<OrderState, string> = {
  received:
    'Ferry has the order and is checking it (SKU mappings, currency, prices). Next it is created and confirmed in Odoo.',
  validated: 'The order passed its checks. Next it is created and confirmed in Odoo.',
  rejected:
    'A rule refused the order; its exception below says which and how to fix it. After the fix, replay it, or skip it with a reason.',
  accepted:
    'Odoo has the order and reserves its stock. Next it is released to the warehouse (a hold keeps it back).',
  reserved: 'Stock is reserved in Odoo. Next it is released to the warehouse (a hold keeps it back).',
  released:
    'The warehouse has the order. Next the warehouse picks, packs and confirms the shipment with tracking.',
  picked: 'The warehouse picked the order. Next it is packed and shipped.',
  packed: 'The order is packed. Next the warehouse confirms the shipment with tracking.',
  shipped_partially: 'Part of the order shipped; the rest follows in another shipment or is backordered.',
  shipped: 'The order shipped; the tracking number is on the channel and in Odoo. Next: delivery.',
  delivered: 'The order was delivered. A return, if the customer asks for one, starts from here.',
  cancelled: 'The order was cancelled; nothing more happens to it.',
  return_requested: 'The customer asked for a return. Next the warehouse receives the goods.',
  returned: 'The goods came back. Next the refund.',
  refunded: 'The order was refunded; nothing more happens to it.',
};

export interface Progress {
  steps: { key: string; label: string; done: boolean; current: boolean }[];
  /** The next step's label; null when the order is at its end or stopped. */
  next: string | null;
  /** Cancelled, rejected or refunded: the bar stops. */
  stopped: boolean;
  helper: string;
}

/** The progress bar and helper text for a state (an unknown state reads as received). */
export function progressOf(state: string): Progress {
  const s = (state in AT ? state : 'received') as OrderState;
  const at = AT[s];
  const stopped = s === 'cancelled' || s === 'rejected' || s === 'refunded';
  const steps = STEPS.map((st, i) => ({
    key: st.key,
    label: st.label,
    done: i <= at && !(s === 'rejected' && i > 0),
    current: i === at,
  }));
  const next = stopped || at + 1 >= STEPS.length ? null : STEPS[at + 1]!.label;
  return { steps, next, stopped, helper: HELPER[s] };
}
