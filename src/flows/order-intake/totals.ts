/**
 * The Odoo order's total against the channel's current total (issue 14). Odoo computes its total
 * under the company's `tax_calculation_rounding_method`: `round_per_line` rounds each line's tax,
 * `round_globally` rounds the sum once, so the same lines can differ from the channel's by a cent
 * per line (each line's tax rounded apart). That much is a finance-only difference: the order goes
 * on and the exception names both totals for the accountant. Anything beyond one cent per line
 * means Odoo booked something else than the customer owes: the order is held before release.
 */
import { z } from 'zod';
import { FerryError, Impact } from '../../core/errors.js';
import { formatMinor } from '../../core/money.js';
import type { Order } from '../../core/model.js';
import { computedCurrentTotal } from '../../core/orderMath.js';
import { defineTask } from '../../engine/index.js';
import type { OrderResult } from '../../connectors/odoo/index.js';
import type { NewJob } from '../../store/index.js';
import { ORDERS_LANE, orderingKey } from './deps.js';

export interface TotalMismatch {
  odooMinor: number;
  channelMinor: number;
  currency: string;
  /** Lines whose tax Odoo rounds apart (order lines with units, shipping lines). */
  lines: number;
  blocking: boolean;
  message: string;
}

/** Odoo's float total in minor units, rounding the float noise away first. */
function toMinor(amount: number, currency: string): number {
  const exp = currency === 'JPY' || currency === 'KRW' ? 0 : 2;
  return Math.round(Number(amount.toFixed(exp)) * 10 ** exp);
}

/** Compares what Odoo booked with what the customer owes now; undefined when Odoo's total is unknown. */
export function compareTotals(
  order: Order,
  r: OrderResult,
): { detail: Record<string, unknown> | null; mismatch?: TotalMismatch } {
  if (r.amountTotal === undefined) return { detail: null };
  const currency = order.currency;
  const channelMinor = order.totals?.current.amountMinor ?? computedCurrentTotal(order);
  const odooMinor = toMinor(r.amountTotal, currency);
  const detail = { odoo: odooMinor, channel: channelMinor, currency };
  if (odooMinor === channelMinor) return { detail };
  const lines = roundingAllowance(order);
  const diff = Math.abs(odooMinor - channelMinor);
  const blocking = diff > lines;
  const message =
    `Odoo order ${r.name ?? r.odooId} totals ${formatMinor(odooMinor, currency)} ${currency}, the channel's current total is ` +
    `${formatMinor(channelMinor, currency)} ${currency} (difference ${formatMinor(diff, currency)}, rounding allowance ${formatMinor(lines, currency)})`;
  return { detail, mismatch: { odooMinor, channelMinor, currency, lines, blocking, message } };
}

/**
 * How many cents Odoo's total may differ by rounding alone: one per tax on each line with units
 * and each shipping line (each tax of each line is rounded apart, by the channel and by Odoo under
 * `round_per_line`), at least one per such line. With taxes included in prices every line's gross
 * is the channel's, and Odoo extracts the taxes from it; only Odoo 16/17's `round_globally`, which
 * rounds each tax's sum over the order apart, can then be off, by at most half a cent per distinct
 * tax (half-up ties).
 */
export function roundingAllowance(order: Order): number {
  if (order.taxesIncluded) {
    const taxes = new Set(
      [...order.lines.filter((l) => l.quantity > 0), ...order.shippingLines].flatMap((l) =>
        l.taxes.map((t) => `${t.title}|${t.rate}`),
      ),
    );
    return Math.floor(taxes.size / 2);
  }
  const per = (taxes: readonly unknown[]) => Math.max(1, taxes.length);
  return (
    order.lines.filter((l) => l.quantity > 0).reduce((a, l) => a + per(l.taxes), 0) +
    order.shippingLines.reduce((a, s) => a + per(s.taxes), 0)
  );
}

const Payload = z.object({
  ref: z.string().min(1),
  odooMinor: z.number().int(),
  channelMinor: z.number().int(),
  currency: z.string(),
  blocking: z.boolean(),
  message: z.string(),
});

export const TOTAL_MISMATCH_TASK = 'order.total-mismatch';

export function totalMismatchJob(ref: string, m: TotalMismatch): NewJob {
  return {
    lane: ORDERS_LANE,
    task: TOTAL_MISMATCH_TASK,
    payload: {
      ref,
      odooMinor: m.odooMinor,
      channelMinor: m.channelMinor,
      currency: m.currency,
      blocking: m.blocking,
      message: m.message,
    },
    orderingKey: orderingKey(ref),
    idempotencyKey: `total:${ref}:${m.odooMinor}:${m.channelMinor}`,
  };
}

/**
 * Raises the difference as an exception a person sees (finance-only or blocking shipment); the
 * order's own timeline already has both totals on its `accepted` event and, when blocking, a hold.
 */
export const totalMismatchTask = defineTask({
  name: TOTAL_MISMATCH_TASK,
  lane: ORDERS_LANE,
  payload: Payload,
  impact: Impact.finance,
  handle: (ctx) => {
    const p = ctx.payload;
    const how = p.blocking
      ? 'held before release; correct the Odoo order or release the hold (ferry orders release)'
      : 'finance only: rounding of taxes per line';
    return Promise.reject(
      new FerryError('rule_failed', `order ${p.ref}: rule total: ${p.message}; ${how}`, {
        impact: p.blocking ? Impact.blocksShipment : Impact.finance,
        entities: { order: p.ref, rule: 'total', odooTotal: p.odooMinor, channelTotal: p.channelMinor },
      }),
    );
  },
});
