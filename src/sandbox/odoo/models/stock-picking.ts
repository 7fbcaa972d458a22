/**
 * stock.picking, stock.move and stock.move.line: creation from a sale, reservation, picking state.
 * Field names follow the version: `quantity` + `picked` from 17, `quantity_done` +
 * `reserved_availability` in 16 (ODOO.md §2 step 9, §6).
 */
import { since } from '../schema.js';
import type { ModelDef } from '../schema.js';
import { str } from '../types.js';
import type { Env, Rec } from '../types.js';
import { isStorable } from './base.js';
import { adjustQuant, childInternal, freeAt, internalLocationIds } from './stock-quant.js';

/** Reserved quantity of a move, whatever the version calls it. */
export function reservedOf(env: Env, move: Rec): number {
  return Number(env.version <= 16 ? move.reserved_availability : move.quantity) || 0;
}

/** Where a move holds its reservation: location id → units. */
export function reservedAtOf(move: Rec): Record<number, number> {
  const at = move._reservedAt as Record<number, number> | undefined;
  if (at) return { ...at };
  const held = Number(move._reserved ?? 0);
  return held > 0 ? { [move.location_id as number]: held } : {};
}

/**
 * Moves a move's reservation towards `target` units: more is taken from free stock in the source
 * and its child locations (in that order), less is given back last-taken first. Returns the new total.
 */
function setReservation(env: Env, move: Rec, target: number): number {
  const product = move.product_id as number;
  const at = reservedAtOf(move);
  let held = Object.values(at).reduce((a, b) => a + b, 0);
  const locations = childInternal(env, move.location_id as number);
  if (held < target) {
    for (const loc of locations) {
      const take = Math.min(target - held, freeAt(env, product, loc));
      if (take <= 0) continue;
      adjustQuant(env, product, loc, 0, take);
      at[loc] = (at[loc] ?? 0) + take;
      held += take;
    }
  } else {
    for (const loc of Object.keys(at).map(Number).reverse()) {
      if (held <= target) break;
      const give = Math.min(held - target, at[loc]!);
      adjustQuant(env, product, loc, 0, -give);
      at[loc] = at[loc]! - give;
      if (at[loc] === 0) delete at[loc];
      held -= give;
    }
  }
  const field = env.version <= 16 ? 'reserved_availability' : 'quantity';
  env.db.update('stock.move', move.id, { [field]: held, _reserved: held, _reservedAt: at });
  return held;
}

/** Reserves what is free at the source location and below it; non-storable products are always available. */
export function reserveMove(env: Env, move: Rec): void {
  if (move.state === 'done' || move.state === 'cancel') return;
  const demand = Number(move.product_uom_qty);
  const product = env.db.get('product.product', move.product_id as number);
  const fromInternal = internalLocationIds(env).has(move.location_id as number);
  let reserved: number;
  if (!fromInternal || !isStorable(env, product)) {
    reserved = demand;
    const field = env.version <= 16 ? 'reserved_availability' : 'quantity';
    env.db.update('stock.move', move.id, { [field]: demand, _reserved: demand, _reservedAt: {} });
  } else {
    reserved = setReservation(env, move, demand);
  }
  const state = reserved >= demand ? 'assigned' : reserved > 0 ? 'partially_available' : 'confirmed';
  env.db.update('stock.move', move.id, { state });
}

/** Gives back what a move holds on quants (on cancel, or before a validated move consumes it). */
export function unreserveMove(env: Env, move: Rec): void {
  const at = reservedAtOf(move);
  for (const [loc, qty] of Object.entries(at)) {
    if (internalLocationIds(env).has(Number(loc)))
      adjustQuant(env, move.product_id as number, Number(loc), 0, -qty);
  }
  env.db.update('stock.move', move.id, { _reserved: 0, _reservedAt: {} });
}

/** Picking state from its moves; "as soon as possible" policy: any reservation makes it ready. */
export function refreshPickingState(env: Env, pickingId: number): void {
  const p = env.db.get('stock.picking', pickingId);
  if (!p || p.state === 'done' || p.state === 'cancel') return;
  const moves = env.db.where('stock.move', (m) => m.picking_id === pickingId && m.state !== 'cancel');
  if (!moves.length) return;
  const ready = moves.some((m) => m.state === 'assigned' || m.state === 'partially_available');
  env.db.update('stock.picking', pickingId, { state: ready ? 'assigned' : 'confirmed' });
}

export interface NewMove {
  productId: number;
  qty: number;
  saleLineId?: number | false;
  originReturnedMoveId?: number | false;
  toRefund?: boolean;
  name?: string;
}

/** Creates a picking of a type with its moves and reserves them (what action_confirm triggers). */
export function createPicking(
  env: Env,
  p: {
    typeId: number;
    partnerId: number | false;
    origin: string;
    saleId: number | false;
    backorderId?: number;
  },
  moves: NewMove[],
  locations?: { src: number; dest: number },
): Rec {
  const type = env.db.get('stock.picking.type', p.typeId) as Rec;
  const wh = env.db.get('stock.warehouse', type.warehouse_id as number);
  const seq = env.db.nextSeq(`picking:${p.typeId}`);
  const src = locations?.src ?? (type.default_location_src_id as number);
  const dest = locations?.dest ?? (type.default_location_dest_id as number);
  const picking = env.db.insert('stock.picking', {
    name: `${str(wh?.code) || 'WH'}/${String(type.sequence_code)}/${String(seq).padStart(5, '0')}`,
    state: 'draft',
    picking_type_id: p.typeId,
    location_id: src,
    location_dest_id: dest,
    partner_id: p.partnerId,
    origin: p.origin,
    sale_id: p.saleId,
    backorder_id: p.backorderId ?? false,
    carrier_id: false,
    carrier_tracking_ref: false,
    date_done: false,
    company_id: env.db.settings.companyId,
  });
  for (const m of moves) {
    const product = env.db.get('product.product', m.productId);
    const move = env.db.insert('stock.move', {
      name: m.name ?? `${p.origin}/${str(product?.default_code) || str(product?.name)}`,
      product_id: m.productId,
      product_uom_qty: m.qty,
      quantity: 0,
      picked: false,
      quantity_done: 0,
      reserved_availability: 0,
      _reserved: 0,
      state: 'confirmed',
      picking_id: picking.id,
      location_id: src,
      location_dest_id: dest,
      sale_line_id: m.saleLineId ?? false,
      origin_returned_move_id: m.originReturnedMoveId ?? false,
      to_refund: m.toRefund ?? false,
    });
    env.db.insert('stock.move.line', { move_id: move.id, product_id: m.productId, picking_id: picking.id });
    reserveMove(env, move);
  }
  refreshPickingState(env, picking.id);
  return env.db.get('stock.picking', picking.id) as Rec;
}

/** Writing `quantity` (17+) moves the reservation with it, bounded by what is free. */
function beforeMoveWrite(env: Env, recs: Rec[], vals: Record<string, unknown>): void {
  if (env.version <= 16 || vals.quantity === undefined) return;
  for (const move of recs) {
    if (move.state === 'done' || move.state === 'cancel') continue;
    const internal = internalLocationIds(env).has(move.location_id as number);
    const product = env.db.get('product.product', move.product_id as number);
    if (!internal || !isStorable(env, product)) continue;
    setReservation(env, move, Number(vals.quantity));
  }
}

const m2o = (comodel: string) => ({ type: 'm2o', comodel }) as const;

const move: ModelDef = {
  name: 'stock.move',
  label: 'Stock Move',
  app: 'stock',
  fields: {
    name: { type: 'char' },
    product_id: { type: 'm2o', comodel: 'product.product', label: 'Product', required: true },
    product_uom_qty: { type: 'float', label: 'Demand' },
    quantity: { type: 'float', versions: since(17) },
    picked: { type: 'bool', versions: since(17) },
    quantity_done: { type: 'float', versions: since(16, 16) },
    reserved_availability: { type: 'float', versions: since(16, 16) },
    state: {
      type: 'selection',
      selection: ['draft', 'waiting', 'confirmed', 'partially_available', 'assigned', 'done', 'cancel'],
      default: 'draft',
    },
    picking_id: m2o('stock.picking'),
    location_id: m2o('stock.location'),
    location_dest_id: m2o('stock.location'),
    sale_line_id: m2o('sale.order.line'),
    origin_returned_move_id: m2o('stock.move'),
    to_refund: { type: 'bool' },
    move_line_ids: { type: 'o2m', comodel: 'stock.move.line', inverse: 'move_id' },
  },
  displayName: (env, rec) => {
    const src = env.db.get('stock.location', rec.location_id as number);
    const dst = env.db.get('stock.location', rec.location_dest_id as number);
    return `${String(rec.name)}: ${str(src?.name)}>${str(dst?.name)}`;
  },
  beforeWrite: beforeMoveWrite,
};

const moveLine: ModelDef = {
  name: 'stock.move.line',
  label: 'Product Moves (Stock Move Line)',
  app: 'stock',
  fields: {
    move_id: m2o('stock.move'),
    product_id: m2o('product.product'),
    picking_id: m2o('stock.picking'),
  },
};

const picking: ModelDef = {
  name: 'stock.picking',
  label: 'Transfer',
  app: 'stock',
  fields: {
    name: { type: 'char' },
    state: {
      type: 'selection',
      selection: ['draft', 'waiting', 'confirmed', 'assigned', 'done', 'cancel'],
      default: 'draft',
    },
    picking_type_id: { type: 'm2o', comodel: 'stock.picking.type', label: 'Operation Type', required: true },
    picking_type_code: {
      type: 'selection',
      compute: (env, r) => env.db.get('stock.picking.type', r.picking_type_id as number)?.code ?? false,
    },
    location_id: m2o('stock.location'),
    location_dest_id: m2o('stock.location'),
    move_ids: { type: 'o2m', comodel: 'stock.move', inverse: 'picking_id' },
    partner_id: m2o('res.partner'),
    origin: { type: 'char' },
    sale_id: m2o('sale.order'),
    backorder_id: m2o('stock.picking'),
    backorder_ids: { type: 'o2m', comodel: 'stock.picking', inverse: 'backorder_id' },
    // Both come with stock_delivery (16: delivery); without it writing them is "Invalid field"
    // (calls-17.json) and fields_get leaves them out.
    carrier_id: { type: 'm2o', comodel: 'delivery.carrier', label: 'Carrier', app: 'delivery' },
    carrier_tracking_ref: { type: 'char', label: 'Tracking Reference', app: 'delivery' },
    date_done: { type: 'datetime' },
    company_id: m2o('res.company'),
  },
  // methods are attached in models/index.ts (they import this file's helpers)
};

export const pickingModels: readonly ModelDef[] = [picking, move, moveLine];
