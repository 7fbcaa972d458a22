/**
 * Read an order's pickings; validate one with shipped quantities, carrier and tracking, with a
 * backorder for the rest or none. 16 writes `quantity_done`; 17+ write `quantity` + `picked`
 * (ODOO.md §2 step 9). All move quantities and the tracking go in one picking write.
 */
import { FerryError } from '../../../core/errors.js';
import type {
  CancelPickingResult,
  PickingInfo,
  PickingMove,
  ValidateRequest,
  ValidateResult,
} from '../port.js';
import { followAction } from '../wizard.js';
import type { Ops } from './context.js';
import { m2oId, quantitiesByProduct } from './context.js';

interface PickingRow {
  id: number;
  name: string;
  state: string;
  picking_type_code: string;
  backorder_id: [number, string] | false;
  carrier_tracking_ref?: string | false;
  move_ids: number[];
  backorder_ids: number[];
}

const BASE_FIELDS = ['name', 'state', 'picking_type_code', 'backorder_id', 'move_ids', 'backorder_ids'];

/** Reading a field the server lacks is refused ("Invalid field"), so the tracking field is asked only where it exists. */
async function pickingFields(ops: Ops): Promise<string[]> {
  return (await ops.features()).nativeTracking ? [...BASE_FIELDS, 'carrier_tracking_ref'] : BASE_FIELDS;
}

async function movesOf(ops: Ops, pickingIds: number[]): Promise<Map<number, PickingMove[]>> {
  const names = await ops.names();
  const qty = names.moveDone === 'quantity' ? 'quantity' : 'reserved_availability';
  const rows = await ops.conn.call<Record<string, unknown>[]>('stock.move', 'search_read', {
    domain: [['picking_id', 'in', pickingIds]],
    fields: ['picking_id', 'product_id', 'product_uom_qty', qty, 'state'],
    order: 'id asc',
  });
  const out = new Map<number, PickingMove[]>();
  for (const r of rows) {
    const pid = m2oId(r.picking_id) as number;
    const list = out.get(pid) ?? [];
    list.push({
      id: r.id as number,
      productId: m2oId(r.product_id) as number,
      demand: Number(r.product_uom_qty),
      quantity: Number(r[qty]),
      state: String(r.state),
    });
    out.set(pid, list);
  }
  return out;
}

function toInfo(p: PickingRow, moves: Map<number, PickingMove[]>): PickingInfo {
  return {
    id: p.id,
    name: p.name,
    state: p.state,
    kind: p.picking_type_code,
    backorderOf: m2oId(p.backorder_id),
    trackingRef: p.carrier_tracking_ref ?? false,
    moves: moves.get(p.id) ?? [],
  };
}

export async function readPickings(ops: Ops, orderId: number): Promise<PickingInfo[]> {
  const rows = await ops.conn.call<PickingRow[]>('stock.picking', 'search_read', {
    domain: [['sale_id', '=', orderId]],
    fields: await pickingFields(ops),
    order: 'id asc',
  });
  const moves = rows.length
    ? await movesOf(
        ops,
        rows.map((r) => r.id),
      )
    : new Map<number, PickingMove[]>();
  return rows.map((r) => toInfo(r, moves));
}

async function readPicking(ops: Ops, id: number): Promise<PickingRow> {
  const [row] = await ops.conn.call<PickingRow[]>('stock.picking', 'read', {
    ids: [id],
    fields: await pickingFields(ops),
  });
  if (!row)
    throw new FerryError('partner_missing_record', `Odoo picking ${id} does not exist`, {
      partner: 'odoo',
      entities: { picking: id },
    });
  return row;
}

/** Spreads each product's shipped quantity over its open moves, in move order. */
async function shippedPerMove(
  ops: Ops,
  req: ValidateRequest,
  moves: PickingMove[],
): Promise<Map<number, number>> {
  const left = await quantitiesByProduct(
    ops,
    req.lines,
    moves.map((m) => m.productId),
  );
  const out = new Map<number, number>();
  for (const m of moves) {
    const take = Math.min(m.demand, left.get(m.productId) ?? 0);
    out.set(m.id, take);
    left.set(m.productId, (left.get(m.productId) ?? 0) - take);
  }
  const extra = [...left].filter(([, q]) => q > 0);
  if (extra.length) {
    throw new FerryError(
      'rule_failed',
      `shipment has more than picking ${req.pickingId} asks for (products ${extra.map(([p]) => p).join(', ')})`,
      {
        entities: { picking: req.pickingId },
      },
    );
  }
  return out;
}

/**
 * Without the native field the tracking number goes on the picking's chatter, once: a retry after
 * a lost answer finds the earlier message instead of posting a second.
 */
async function postTracking(ops: Ops, pickingId: number, req: ValidateRequest): Promise<void> {
  if (!req.trackingRef) return;
  const text = `Tracking number: ${req.trackingRef}${req.carrier ? ` (carrier: ${req.carrier})` : ''}`;
  const found = await ops.conn.call<{ id: number }[]>('mail.message', 'search_read', {
    domain: [
      ['model', '=', 'stock.picking'],
      ['res_id', '=', pickingId],
      ['body', 'ilike', req.trackingRef],
    ],
    fields: ['id'],
    limit: 1,
  });
  if (found.length) return;
  await ops.conn.call('stock.picking', 'message_post', { ids: [pickingId], body: text });
}

async function carrierId(ops: Ops, name: string | undefined): Promise<number | undefined> {
  if (!name) return undefined;
  const rows = await ops.conn.call<{ id: number }[]>('delivery.carrier', 'search_read', {
    domain: [['name', '=ilike', name]],
    fields: ['name'],
    limit: 1,
  });
  return rows[0]?.id;
}

export async function validatePicking(ops: Ops, req: ValidateRequest): Promise<ValidateResult> {
  return ops.mutex.run([`stock.picking:${req.pickingId}`], async () => {
    const picking = await readPicking(ops, req.pickingId);
    if (picking.state === 'done')
      return { pickingId: picking.id, state: 'done', backorderIds: picking.backorder_ids, alreadyDone: true };
    if (picking.state === 'cancel')
      throw new FerryError('rule_failed', `picking ${picking.name} is cancelled`, {
        entities: { picking: picking.id },
      });
    const names = await ops.names();
    const moves = ((await movesOf(ops, [picking.id])).get(picking.id) ?? []).filter(
      (m) => m.state !== 'done' && m.state !== 'cancel',
    );
    const shipped = await shippedPerMove(ops, req, moves);
    if (![...shipped.values()].some((q) => q > 0))
      throw new FerryError('rule_failed', `nothing shipped on picking ${picking.name}`);
    const moveCmds = moves.map((m) => {
      const q = shipped.get(m.id) ?? 0;
      const vals = names.usesPicked
        ? q > 0
          ? { quantity: q, picked: true }
          : { picked: false }
        : { quantity_done: q };
      return [1, m.id, vals];
    });
    const native = (await ops.features()).nativeTracking;
    const carrier = native ? await carrierId(ops, req.carrier) : undefined;
    await ops.conn.call('stock.picking', 'write', {
      ids: [picking.id],
      vals: {
        move_ids: moveCmds,
        ...(native && req.trackingRef ? { carrier_tracking_ref: req.trackingRef } : {}),
        ...(carrier ? { carrier_id: carrier } : {}),
      },
    });
    if (!native) await postTracking(ops, picking.id, req);
    const result = await ops.conn.call('stock.picking', 'button_validate', { ids: [picking.id] });
    const button = req.backorder === 'create' ? 'process' : 'process_cancel_backorder';
    await followAction(ops.conn, result, { 'stock.backorder.confirmation': button });
    const after = await readPicking(ops, picking.id);
    return { pickingId: after.id, state: after.state, backorderIds: after.backorder_ids, alreadyDone: false };
  });
}

/**
 * Cancels one open picking (a backorder nothing more will ship for) with `stock.picking.action_cancel`:
 * its moves are cancelled and their reservation released; the sale order stays confirmed. Odoo
 * refuses a done picking ("You cannot cancel a stock move that has been set to 'Done'. Create a
 * return…"), so Ferry refuses it first, naming it; an already cancelled one is a repeat, not an error.
 */
export async function cancelPicking(ops: Ops, pickingId: number): Promise<CancelPickingResult> {
  return ops.mutex.run([`stock.picking:${pickingId}`], async () => {
    const picking = await readPicking(ops, pickingId);
    if (picking.state === 'cancel') return { pickingId, name: picking.name, alreadyCancelled: true };
    if (picking.state === 'done')
      throw new FerryError(
        'rule_failed',
        `picking ${picking.name} is done and cannot be cancelled; what shipped needs a return`,
        { partner: 'odoo', entities: { picking: pickingId } },
      );
    await ops.conn.call('stock.picking', 'action_cancel', { ids: [pickingId] });
    const after = await readPicking(ops, pickingId);
    if (after.state !== 'cancel')
      throw new FerryError(
        'partner_conflict',
        `Odoo left picking ${after.name} ${after.state} after action_cancel`,
        {
          partner: 'odoo',
          entities: { picking: pickingId },
        },
      );
    return { pickingId, name: after.name, alreadyCancelled: false };
  });
}
