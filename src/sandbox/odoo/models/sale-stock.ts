/**
 * sale_stock's answer to a changed quantity on a confirmed order's line: the line's open delivery
 * moves follow it, as real Odoo does through a procurement of the difference
 * (sale_order_line._action_launch_stock_rule, stock_move._merge_moves). Seen on real Odoo 16, 17, 18
 * and 19 (lowering, and raising, a line of a confirmed order, then reading its picking's moves):
 * - lowered: the open move's demand (product_uom_qty) shrinks by the difference and its
 *   reservation with it; a move left at 0 is cancelled, and a picking whose moves are all
 *   cancelled is cancelled; after a partial delivery the backorder's move shrinks;
 * - raised: the open move's demand grows and reserves what is free;
 * - lowered below what was delivered: UserError, nothing changes.
 * Not modelled: lowering by more than the open moves hold (Odoo turns the rest into a return).
 */
import { userError } from '../messages.js';
import type { Env, Rec } from '../types.js';
import { qtyDelivered } from './sale.js';
import { createPicking, refreshPickingState, reserveMove, unreserveMove } from './stock-picking.js';

/** sale_stock's refusal, as real 16 and 17–19 word it. */
function belowDelivered(env: Env): string {
  const what = env.version <= 16 ? 'The ordered quantity' : 'The ordered quantity of a sale order line';
  return `${what} cannot be decreased below the amount already delivered. Instead, create a return in your inventory.`;
}

function usage(env: Env, locationId: unknown): unknown {
  return env.db.get('stock.location', locationId as number)?.usage;
}

/** A line whose moves follow its quantity: on a confirmed order, a good (not a service or delivery fee). */
function followsMoves(env: Env, line: Rec): boolean {
  const order = env.db.get('sale.order', line.order_id as number);
  const product = env.db.get('product.product', line.product_id as number);
  return order?.state === 'sale' && !!product && product.type !== 'service' && line.is_delivery !== true;
}

/** sale_stock's _update_line_quantity: a confirmed line cannot go below what was delivered. */
export function refuseBelowDelivered(env: Env, lines: readonly Rec[], vals: Record<string, unknown>): void {
  if (typeof vals.product_uom_qty !== 'number') return;
  const goods = lines.filter((l) => followsMoves(env, l));
  if (!goods.length) return;
  if (vals.product_uom_qty < Math.max(...goods.map((l) => qtyDelivered(env, l))))
    throw userError(belowDelivered(env));
}

/** What the line's moves already procure (_get_qty_procurement): outgoing (done or demanded) less refunded returns. */
function procured(env: Env, moves: readonly Rec[]): number {
  let qty = 0;
  for (const m of moves) {
    if (usage(env, m.location_dest_id) === 'customer') {
      if (!m.origin_returned_move_id || m.to_refund === true) qty += Number(m.product_uom_qty);
    } else if (usage(env, m.location_id) === 'customer' && m.to_refund === true) {
      qty -= Number(m.product_uom_qty);
    }
  }
  return qty;
}

function setDemand(env: Env, move: Rec, demand: number): void {
  env.db.update('stock.move', move.id, { product_uom_qty: demand });
  const now = env.db.get('stock.move', move.id) as Rec;
  if (demand > 0) {
    reserveMove(env, now);
    return;
  }
  unreserveMove(env, now);
  const reserved = env.version <= 16 ? 'reserved_availability' : 'quantity';
  env.db.update('stock.move', move.id, { state: 'cancel', [reserved]: 0 });
}

/** Brings the line's open delivery moves to its quantity (after the write). */
export function syncLineMoves(env: Env, line: Rec): void {
  if (!followsMoves(env, line)) return;
  const moves = env.db.where(
    'stock.move',
    (m) => m.sale_line_id === line.id && m.state !== 'cancel' && m.product_id === line.product_id,
  );
  let diff = Number(line.product_uom_qty) - procured(env, moves);
  if (diff === 0) return;
  const open = moves
    .filter((m) => m.state !== 'done' && m.state !== 'draft' && usage(env, m.location_dest_id) === 'customer')
    .sort((a, b) => a.id - b.id);
  const touched = new Set<number>();
  if (diff > 0) {
    const first = open[0];
    if (first) {
      setDemand(env, first, Number(first.product_uom_qty) + diff);
      touched.add(first.picking_id as number);
    } else {
      newDelivery(env, line, diff);
    }
  }
  for (const m of open) {
    if (diff >= 0) break;
    const demand = Number(m.product_uom_qty);
    const left = Math.max(0, demand + diff);
    diff += demand - left;
    setDemand(env, m, left);
    touched.add(m.picking_id as number);
  }
  for (const id of touched) settlePicking(env, id);
}

/** A picking whose moves are all cancelled is cancelled (stock.picking._compute_state). */
function settlePicking(env: Env, pickingId: number): void {
  const moves = env.db.where('stock.move', (m) => m.picking_id === pickingId);
  if (moves.length && moves.every((m) => m.state === 'cancel'))
    env.db.update('stock.picking', pickingId, { state: 'cancel' });
  else refreshPickingState(env, pickingId);
}

/**
 * More than the line ever procured and no open move of it to grow: a delivery for the rest (real
 * Odoo may put that move in an open picking of the order instead; Ferry never raises a line).
 */
function newDelivery(env: Env, line: Rec, qty: number): void {
  const order = env.db.get('sale.order', line.order_id as number) as Rec;
  createDelivery(env, order, [{ productId: line.product_id as number, qty, saleLineId: line.id }]);
}

/** An outgoing picking of the order's warehouse to its delivery address; none without a warehouse. */
export function createDelivery(
  env: Env,
  order: Rec,
  moves: { productId: number; qty: number; saleLineId: number }[],
): void {
  const wh = env.db.get('stock.warehouse', order.warehouse_id as number);
  if (!wh) return;
  createPicking(
    env,
    {
      typeId: wh.out_type_id as number,
      partnerId: (order.partner_shipping_id as number) || (order.partner_id as number),
      origin: String(order.name),
      saleId: order.id,
    },
    moves,
  );
}
