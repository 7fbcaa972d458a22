/**
 * Picking buttons: button_validate (with the backorder wizard; 16's immediate-transfer wizard is in
 * stock-immediate.ts),
 * action_cancel, action_assign. What each version answers is in ODOO.md §2 steps 9–12 and §6.
 */
import { odooDatetime } from '../db.js';
import { userError } from '../messages.js';
import type { MethodDef, ModelDef } from '../schema.js';
import { str } from '../types.js';
import type { Env, Rec } from '../types.js';
import {
  createPicking,
  refreshPickingState,
  reserveMove,
  reservedAtOf,
  reservedOf,
  unreserveMove,
} from './stock-picking.js';
import { adjustQuant, childInternal, freeAt } from './stock-quant.js';

const NOTHING_RESERVED =
  'You cannot validate a transfer if no quantities are reserved. To force the transfer, encode quantities.';

/** The picking's moves neither done nor cancelled. */
export function openMoves(env: Env, pickingId: number): Rec[] {
  return env.db.where(
    'stock.move',
    (m) => m.picking_id === pickingId && m.state !== 'done' && m.state !== 'cancel',
  );
}

/** Done quantity per move: 16 reads quantity_done; 17+ count picked moves, or all when none is picked. */
function doneQty(env: Env, moves: Rec[]): Map<number, number> {
  const out = new Map<number, number>();
  const anyPicked = moves.some((m) => m.picked === true);
  for (const m of moves) {
    if (env.version <= 16) out.set(m.id, Number(m.quantity_done) || 0);
    else out.set(m.id, anyPicked && m.picked !== true ? 0 : reservedOf(env, m));
  }
  return out;
}

/** The window action of a validation wizard, with the context Odoo gives it. */
export function wizardAction(resModel: string, name: string, pickingIds: number[]): Record<string, unknown> {
  return {
    name,
    type: 'ir.actions.act_window',
    view_mode: 'form',
    res_model: resModel,
    views: [[false, 'form']],
    view_id: false,
    target: 'new',
    context: {
      button_validate_picking_ids: pickingIds,
      default_show_transfers: false,
      default_pick_ids: pickingIds.map((id) => [4, id]),
    },
  };
}

/**
 * Takes `qty` of the move's product out of stock: first where it was reserved, then wherever is
 * free under the source location, the rest from the source itself (Odoo lets stock go negative).
 */
function takeStock(env: Env, m: Rec, qty: number, reservedAt: Record<number, number>): void {
  const product = m.product_id as number;
  let left = qty;
  for (const [loc, held] of Object.entries(reservedAt)) {
    const take = Math.min(left, held);
    if (take > 0) adjustQuant(env, product, Number(loc), -take);
    left -= take;
  }
  for (const loc of childInternal(env, m.location_id as number)) {
    const take = Math.min(left, freeAt(env, product, loc));
    if (take > 0) adjustQuant(env, product, loc, -take);
    left -= Math.max(0, take);
  }
  if (left > 0) adjustQuant(env, product, m.location_id as number, -left);
}

/** Moves stock for the done part of each move; the rest goes to a backorder or is cancelled. */
function applyValidation(env: Env, picking: Rec, backorder: boolean): void {
  const moves = openMoves(env, picking.id);
  const done = doneQty(env, moves);
  if (env.version <= 16 && [...done.values()].every((q) => q === 0)) {
    nothingDone16(env, picking, moves, backorder);
    return;
  }
  const rest: { move: Rec; qty: number }[] = [];
  for (const m of moves) {
    const qty = done.get(m.id) ?? 0;
    const remaining = Number(m.product_uom_qty) - qty;
    const reservedAt = reservedAtOf(m);
    unreserveMove(env, m);
    if (qty > 0) {
      takeStock(env, m, qty, reservedAt);
      adjustQuant(env, m.product_id as number, m.location_dest_id as number, qty);
      const field = env.version <= 16 ? 'quantity_done' : 'quantity';
      env.db.update('stock.move', m.id, { state: 'done', product_uom_qty: qty, [field]: qty, picked: true });
    } else {
      env.db.update('stock.move', m.id, { state: 'cancel' });
    }
    if (remaining > 0) rest.push({ move: m, qty: qty > 0 ? remaining : 0 });
  }
  env.db.update('stock.picking', picking.id, { state: 'done', date_done: odooDatetime(env.clock.now()) });
  if (!rest.length) return;
  if (backorder) {
    for (const r of rest) if (r.qty === 0) r.qty = Number(r.move.product_uom_qty);
    createPicking(
      env,
      {
        typeId: picking.picking_type_id as number,
        partnerId: picking.partner_id as number | false,
        origin: str(picking.origin),
        saleId: picking.sale_id as number | false,
        backorderId: picking.id,
      },
      rest.map(({ move, qty }) => ({
        productId: move.product_id as number,
        qty,
        saleLineId: move.sale_line_id as number | false,
        name: String(move.name),
      })),
      { src: picking.location_id as number, dest: picking.location_dest_id as number },
    );
  } else {
    // The undelivered part stays as a cancelled move, so the sale line shows it was not shipped.
    for (const { move, qty } of rest) {
      if (qty > 0)
        env.db.insert('stock.move', { ...move, product_uom_qty: qty, state: 'cancel', _reserved: 0 });
    }
  }
}

/**
 * Odoo 16's _action_done with no done quantity at all: the moves stay as they are (no backorder is
 * made of nothing), or are cancelled when the backorder is refused; only date_done is written.
 */
function nothingDone16(env: Env, picking: Rec, moves: Rec[], backorder: boolean): void {
  if (!backorder) {
    for (const m of moves) {
      unreserveMove(env, m);
      env.db.update('stock.move', m.id, { state: 'cancel' });
    }
  }
  env.db.update('stock.picking', picking.id, {
    date_done: odooDatetime(env.clock.now()),
    ...(backorder ? {} : { state: 'cancel' }),
  });
}

function validateOne(env: Env, picking: Rec): true | Record<string, unknown> {
  if (picking.state === 'done') {
    // ODOO.md §2 gotchas: 17 refuses, 18/19 answer true.
    if (env.version <= 17) throw userError(NOTHING_RESERVED);
    return true;
  }
  if (picking.state === 'cancel') throw userError('You cannot validate a cancelled transfer.');
  const moves = openMoves(env, picking.id);
  const done = doneQty(env, moves);
  const total = [...done.values()].reduce((a, b) => a + b, 0);
  if (env.version <= 16 && total === 0 && env.ctx.skip_immediate !== true) {
    return wizardAction('stock.immediate.transfer', 'Immediate Transfer?', [picking.id]);
  }
  if (total === 0 && !(env.version <= 16 && moves.some((m) => reservedOf(env, m) > 0))) {
    throw userError(NOTHING_RESERVED);
  }
  // 16's sanity check lets a reserved picking through with nothing done (skip_immediate): the
  // backorder check then sees every move short and asks.
  const partial = moves.some((m) => (done.get(m.id) ?? 0) < Number(m.product_uom_qty));
  if (partial && env.ctx.skip_backorder !== true) {
    return wizardAction('stock.backorder.confirmation', 'Create Backorder?', [picking.id]);
  }
  const noBackorder = ((env.ctx.picking_ids_not_to_backorder as number[] | undefined) ?? []).includes(
    picking.id,
  );
  applyValidation(env, picking, !noBackorder);
  return true;
}

/** button_validate on each picking; the last wizard asked for, or true. */
export function buttonValidate(env: Env, ids: number[]): unknown {
  let result: unknown = true;
  for (const id of ids) {
    const picking = env.db.get('stock.picking', id);
    if (!picking) continue;
    const r = validateOne(env, picking);
    if (r !== true) result = r;
  }
  return result;
}

function cancelPickings(env: Env, ids: number[]): true {
  for (const id of ids) {
    const p = env.db.get('stock.picking', id);
    if (!p || p.state === 'cancel') continue;
    if (p.state === 'done') {
      throw userError(
        "You cannot cancel a stock move that has been set to 'Done'. Create a return in order to reverse the moves which took place.",
      );
    }
    for (const m of openMoves(env, id)) {
      unreserveMove(env, m);
      env.db.update('stock.move', m.id, { state: 'cancel' });
    }
    env.db.update('stock.picking', id, { state: 'cancel' });
  }
  return true;
}

export const pickingMethods: Record<string, MethodDef> = {
  button_validate: { params: [], access: 'write', run: (env, ids) => buttonValidate(env, ids) },
  action_cancel: { params: [], access: 'write', run: (env, ids) => cancelPickings(env, ids) },
  action_assign: {
    params: [],
    access: 'write',
    run: (env, ids) => {
      for (const id of ids) {
        for (const m of openMoves(env, id)) reserveMove(env, m);
        refreshPickingState(env, id);
      }
      return true;
    },
  },
};

export { cancelPickings };

/**
 * The wizard validates only the pickings named in `button_validate_picking_ids` of its context,
 * as Odoo does: without it nothing is validated (ODOO.md §2 step 11).
 */
function processWizard(env: Env, mode: 'backorder' | 'no-backorder'): true {
  const ids = (env.ctx.button_validate_picking_ids as number[] | undefined) ?? [];
  for (const id of ids) {
    const picking = env.db.get('stock.picking', id);
    if (!picking || picking.state === 'done') continue;
    applyValidation(env, picking, mode === 'backorder');
  }
  return true;
}

const m2m = { type: 'm2m', comodel: 'stock.picking' } as const;

export const stockWizardModels: readonly ModelDef[] = [
  {
    name: 'stock.backorder.confirmation',
    label: 'Backorder Confirmation',
    app: 'stock',
    fields: { pick_ids: m2m, show_transfers: { type: 'bool' } },
    methods: {
      process: { params: [], access: 'write', run: (env) => processWizard(env, 'backorder') },
      process_cancel_backorder: {
        params: [],
        access: 'write',
        run: (env) => processWizard(env, 'no-backorder'),
      },
    },
  },
];
