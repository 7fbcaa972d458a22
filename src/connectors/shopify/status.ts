/**
 * Shopify order statuses → the lifecycle state they imply on Ferry's side (DESIGN.md §4).
 *
 * Shopify only knows the channel's view: it cannot say whether Odoo accepted the order, so the
 * states here are the ones a channel event can move an order to. `accepted`, `reserved`,
 * `released` come from Odoo and the warehouse.
 */

/** Lifecycle states a Shopify order event can imply. */
export const ChannelOrderState = {
  received: 'received',
  shippedPartially: 'shipped_partially',
  shippedFully: 'shipped_fully',
  cancelled: 'cancelled',
  refunded: 'refunded',
} as const;
export type ChannelOrderState = (typeof ChannelOrderState)[keyof typeof ChannelOrderState];

/** What a `financial_status` means for intake. */
export interface FinancialMeaning {
  /** Money is secured (captured, or authorised for later capture). */
  paymentSecured: boolean;
  /** The lifecycle state this status alone implies, if any. */
  implies?: ChannelOrderState;
}

/** `financial_status` values of API 2026-04 (PROTOCOLS.md §1.3). */
export const FINANCIAL_STATUS_TABLE = {
  pending: { paymentSecured: false },
  authorized: { paymentSecured: true },
  partially_paid: { paymentSecured: false },
  paid: { paymentSecured: true },
  partially_refunded: { paymentSecured: true },
  refunded: { paymentSecured: false, implies: ChannelOrderState.refunded },
  // A voided authorisation: the payment will never be captured; Shopify voids on cancellation.
  voided: { paymentSecured: false },
} as const satisfies Record<string, FinancialMeaning>;

/** `fulfillment_status` values; `null` (unfulfilled) is `received`. `restocked` is on old orders only. */
export const FULFILLMENT_STATUS_TABLE = {
  partial: ChannelOrderState.shippedPartially,
  fulfilled: ChannelOrderState.shippedFully,
  restocked: ChannelOrderState.cancelled,
} as const satisfies Record<string, ChannelOrderState>;

export interface ChannelStatusInput {
  financial_status?: string | null | undefined;
  fulfillment_status?: string | null | undefined;
  cancelled_at?: string | null | undefined;
}

export interface ChannelStatus {
  state: ChannelOrderState;
  paymentSecured: boolean;
  /** Statuses this table does not know (a newer API version): reported, never guessed. */
  unknownStatuses: string[];
}

/**
 * The lifecycle state a Shopify order's statuses imply. Precedence follows what is irreversible
 * on Shopify's side: cancellation, then a full refund, then fulfilment progress.
 */
export function shopifyChannelStatus(o: ChannelStatusInput): ChannelStatus {
  const unknownStatuses: string[] = [];
  const fin = o.financial_status ?? 'pending';
  const meaning: FinancialMeaning | undefined = (FINANCIAL_STATUS_TABLE as Record<string, FinancialMeaning>)[
    fin
  ];
  if (!meaning) unknownStatuses.push(`financial_status=${fin}`);
  const ful = o.fulfillment_status ?? null;
  let fromFulfilment: ChannelOrderState = ChannelOrderState.received;
  if (ful !== null) {
    const mapped = (FULFILLMENT_STATUS_TABLE as Record<string, ChannelOrderState>)[ful];
    if (mapped) fromFulfilment = mapped;
    else unknownStatuses.push(`fulfillment_status=${ful}`);
  }
  let state = fromFulfilment;
  if (meaning?.implies === ChannelOrderState.refunded) state = ChannelOrderState.refunded;
  if (o.cancelled_at) state = ChannelOrderState.cancelled;
  return { state, paymentSecured: meaning?.paymentSecured ?? false, unknownStatuses };
}
