/**
 * Generic handling of button results: `true`/`false`/`null`, or an action dict asking for a wizard
 * (ODOO.md §2 gotchas). A wizard is created with the action's context — its `default_*` keys as
 * values, except for the wizards that need them as defaults — and its button is called with the
 * same context.
 */
import { FerryError } from '../../core/errors.js';
import type { OdooConnection } from './connection.js';

/** Which button answers which wizard, unless the caller says otherwise. */
export const WIZARD_BUTTONS: Readonly<Record<string, string>> = {
  'stock.backorder.confirmation': 'process',
  'stock.immediate.transfer': 'process',
  'sale.order.cancel': 'action_cancel',
};

/**
 * Wizards created with no values, so that Odoo's `default_get` reads the action's context: 16's
 * immediate-transfer wizard builds its lines from `pick_ids` only when `pick_ids` is a context
 * default; given as a value, the wizard has no line and its `process` validates nothing.
 */
const DEFAULTS_FROM_CONTEXT: ReadonlySet<string> = new Set(['stock.immediate.transfer']);

export interface WindowAction {
  type: 'ir.actions.act_window';
  res_model: string;
  res_id?: number | false;
  target?: string;
  context?: Record<string, unknown>;
}

export function isWindowAction(v: unknown): v is WindowAction {
  return typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'ir.actions.act_window';
}

function isWizard(v: unknown): v is WindowAction {
  return isWindowAction(v) && v.target === 'new';
}

function defaultsFrom(ctx: Record<string, unknown>): Record<string, unknown> {
  const vals: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(ctx)) if (k.startsWith('default_')) vals[k.slice(8)] = v;
  return vals;
}

/** Follows wizards until the answer is not one (at most 3 deep, as validate → immediate → backorder). */
export async function followAction(
  conn: OdooConnection,
  result: unknown,
  buttons: Readonly<Record<string, string>> = {},
): Promise<unknown> {
  let r = result;
  for (let depth = 0; depth < 3 && isWizard(r); depth++) {
    const model = r.res_model;
    const button = buttons[model] ?? WIZARD_BUTTONS[model];
    if (!button) {
      throw new FerryError(
        'partner_validation',
        `Odoo asked for the wizard ${model}, which Ferry does not know how to answer`,
        {
          partner: 'odoo',
          details: { action: r },
        },
      );
    }
    const context = r.context ?? {};
    const vals = DEFAULTS_FROM_CONTEXT.has(model) ? {} : defaultsFrom(context);
    const [id] = await conn.call<number[]>(model, 'create', { vals_list: [vals], context });
    r = await conn.call(model, button, { ids: [id ?? 0], context });
  }
  return r;
}
