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

/**
 * A line as `round_globally` sees it: its gross (after discount, to the cent), its base before and
 * after rounding to the cent, and each tax's amount unrounded, by tax id.
 */
export interface RawLine {
  gross: number;
  base: number;
  roundedBase: number;
  taxes: Map<number, number>;
  allIncluded: boolean;
}

/**
 * One line under `round_globally`, as Odoo's `account.tax` computes it (taxes rounded at the
 * currency's precision + 5 digits). Odoo 16/17 (`compute_all`): the base is rounded to the cent
 * first, each tax is computed on it, and the last price-included tax takes what is left of the
 * gross, so a line's included taxes sum to gross − base exactly. Odoo 18+ (`_add_tax_details_in_base_lines`):
 * base and taxes stay raw; rounding happens over the document (`globalAmounts`).
 */
export function rawLineAmounts(
  env: Env,
  priceUnit: number,
  qty: number,
  discountPct: number,
  taxIds: readonly number[],
): RawLine {
  const gross = roundTo(priceUnit * qty * (1 - discountPct / 100));
  const taxes = taxIds.map((id) => env.db.get('account.tax', id)).filter((t) => t !== undefined);
  const included = taxes.filter((t) => t.price_include === true);
  const inclRate = included.reduce((a, t) => a + Number(t.amount) / 100, 0);
  const rawBase = inclRate ? gross / (1 + inclRate) : gross;
  const roundedBase = roundTo(rawBase);
  const base = env.version >= 18 ? rawBase : roundedBase;
  const amounts = new Map<number, number>();
  let inclSoFar = 0;
  for (const t of taxes) {
    let amount = (base * Number(t.amount)) / 100;
    if (t.price_include === true) {
      if (env.version < 18 && t === included[included.length - 1]) amount = gross - base - inclSoFar;
      inclSoFar += amount;
    }
    amounts.set(t.id, (amounts.get(t.id) ?? 0) + amount);
  }
  return { gross, base: rawBase, roundedBase, taxes: amounts, allIncluded: taxes.length > 0 && included.length === taxes.length };
}

/**
 * Order amounts under `round_globally` (res.company.tax_calculation_rounding_method): each tax is
 * summed unrounded over the lines and rounded once (Odoo's `_compute_taxes` totals, 16/17;
 * `_round_tax_details_tax_amounts`, 18+). The untaxed amount is the sum of the rounded line bases on
 * 16/17. On 18+ (`_round_tax_details_base_lines`) it is rounded over the document, and when every
 * taxed line's taxes are price-included the document's total is its rounded gross, the rounding going
 * into the untaxed amount.
 */
export function globalAmounts(env: Env, items: readonly RawLine[]): LineAmounts {
  const perTax = new Map<number, number>();
  for (const x of items) for (const [id, a] of x.taxes) perTax.set(id, (perTax.get(id) ?? 0) + a);
  const tax = roundTo([...perTax.values()].reduce((a, v) => a + roundTo(v), 0));
  if (env.version < 18) {
    const subtotal = roundTo(items.reduce((a, x) => a + x.roundedBase, 0));
    return { subtotal, tax, total: roundTo(subtotal + tax) };
  }
  const included = items.every((x) => x.taxes.size === 0 || x.allIncluded);
  if (included) {
    const total = roundTo(items.reduce((a, x) => a + x.gross, 0));
    return { subtotal: roundTo(total - tax), tax, total };
  }
  const subtotal = roundTo(items.reduce((a, x) => a + x.base, 0));
  return { subtotal, tax, total: roundTo(subtotal + tax) };
}

export function sumAmounts(items: readonly LineAmounts[]): LineAmounts {
  const subtotal = roundTo(items.reduce((a, x) => a + x.subtotal, 0));
  const tax = roundTo(items.reduce((a, x) => a + x.tax, 0));
  return { subtotal, tax, total: roundTo(subtotal + tax) };
}
