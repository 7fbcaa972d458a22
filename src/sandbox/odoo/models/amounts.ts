/**
 * Line amounts as Odoo computes them with "round per line": subtotal and each tax rounded to the
 * currency's cents. Checked against real answers: 5 × 12.50 at 15% → 71.88; 1 unit → 14.38
 * (shared/odoo-observed/scenario-17.json).
 */
import { roundTo } from '../schema.js';
import type { Env } from '../types.js';

export interface LineAmounts {
  subtotal: number;
  tax: number;
  total: number;
}

export function lineAmounts(
  env: Env,
  priceUnit: number,
  qty: number,
  discountPct: number,
  taxIds: readonly number[],
): LineAmounts {
  const gross = roundTo(priceUnit * qty * (1 - discountPct / 100));
  const taxes = taxIds.map((id) => env.db.get('account.tax', id)).filter((t) => t !== undefined);
  const included = taxes.filter((t) => t.price_include === true);
  const inclRate = included.reduce((a, t) => a + Number(t.amount) / 100, 0);
  const base = inclRate ? roundTo(gross / (1 + inclRate)) : gross;
  let tax = inclRate ? roundTo(gross - base) : 0;
  for (const t of taxes) if (t.price_include !== true) tax += roundTo((base * Number(t.amount)) / 100);
  tax = roundTo(tax);
  return { subtotal: base, tax, total: roundTo(base + tax) };
}

/** A line's base and tax before any rounding (Odoo's `round_globally` sums these, then rounds). */
export function rawLineAmounts(
  env: Env,
  priceUnit: number,
  qty: number,
  discountPct: number,
  taxIds: readonly number[],
): { base: number; tax: number } {
  const gross = roundTo(priceUnit * qty * (1 - discountPct / 100));
  const taxes = taxIds.map((id) => env.db.get('account.tax', id)).filter((t) => t !== undefined);
  const inclRate = taxes
    .filter((t) => t.price_include === true)
    .reduce((a, t) => a + Number(t.amount) / 100, 0);
  const base = inclRate ? gross / (1 + inclRate) : gross;
  let tax = inclRate ? gross - base : 0;
  for (const t of taxes) if (t.price_include !== true) tax += (base * Number(t.amount)) / 100;
  return { base, tax };
}

/**
 * Order amounts under `round_globally` (res.company.tax_calculation_rounding_method): taxes are
 * summed unrounded over the lines and rounded once, so the total can differ by a cent per line from
 * `round_per_line` (Odoo's account_tax `_compute_taxes` rounding modes).
 */
export function globalAmounts(items: readonly { base: number; tax: number }[]): LineAmounts {
  const subtotal = roundTo(items.reduce((a, x) => a + x.base, 0));
  const tax = roundTo(items.reduce((a, x) => a + x.tax, 0));
  return { subtotal, tax, total: roundTo(subtotal + tax) };
}

export function sumAmounts(items: readonly LineAmounts[]): LineAmounts {
  const subtotal = roundTo(items.reduce((a, x) => a + x.subtotal, 0));
  const tax = roundTo(items.reduce((a, x) => a + x.tax, 0));
  return { subtotal, tax, total: roundTo(subtotal + tax) };
}
