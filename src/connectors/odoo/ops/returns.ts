/**
 * Return a delivered picking (stock.return.picking; `create_returns` on ≤17,
 * `action_create_returns` on 18+; line quantities always written, since 18/19 default them to 0)
 * and validate the return. The return picking's origin gets Ferry's key, so a retry finds it.
 */
import { FerryError } from '../../../core/errors.js';
import type { ReturnRequest, ReturnResult } from '../port.js';
import { followAction } from '../wizard.js';
import type { Ops } from './context.js';
import { m2oId, quantitiesByProduct } from './context.js';

const tag = (key: string) => `[ferry:${key}]`;

async function findTagged(ops: Ops, key: string): Promise<{ id: number; state: string } | undefined> {
  const rows = await ops.conn.call<{ id: number; state: string }[]>('stock.picking', 'search_read', {
    domain: [['origin', 'ilike', tag(key)]],
    fields: ['state'],
    limit: 1,
  });
  return rows[0];
}

async function validateReturn(ops: Ops, id: number): Promise<string> {
  const r = await ops.conn.call('stock.picking', 'button_validate', { ids: [id] });
  await followAction(ops.conn, r);
  const [row] = await ops.conn.call<{ state: string }[]>('stock.picking', 'read', {
    ids: [id],
    fields: ['state'],
  });
  return row?.state ?? 'unknown';
}

/**
 * Odoo 16 fills the wizard's lines and return location in a form onchange, which a create over RPC
 * does not run: real 16 made a wizard without lines. There Ferry gives one line per done move (at
 * 0, set below like on every version) and the picking's source as the return location, as the
 * onchange would. 17 on compute them on create.
 */
async function wizardLines16(ops: Ops, pickingId: number): Promise<Record<string, unknown>> {
  if ((await ops.conn.version()).major > 16) return {};
  const moves = await ops.conn.call<{ id: number; product_id: unknown; location_id: unknown }[]>(
    'stock.move',
    'search_read',
    {
      domain: [
        ['picking_id', '=', pickingId],
        ['state', '=', 'done'],
      ],
      fields: ['product_id', 'location_id'],
      order: 'id asc',
    },
  );
  return {
    ...(moves[0] ? { location_id: m2oId(moves[0].location_id) } : {}),
    product_return_moves: moves.map((m) => [
      0,
      0,
      { product_id: m2oId(m.product_id), move_id: m.id, quantity: 0 },
    ]),
  };
}

async function createReturn(ops: Ops, req: ReturnRequest): Promise<number> {
  const names = await ops.names();
  const context = { active_id: req.pickingId, active_ids: [req.pickingId], active_model: 'stock.picking' };
  const [wiz] = await ops.conn.call<number[]>('stock.return.picking', 'create', {
    vals_list: [{ picking_id: req.pickingId, ...(await wizardLines16(ops, req.pickingId)) }],
    context,
  });
  const lines = await ops.conn.call<{ id: number; product_id: unknown }[]>(
    'stock.return.picking.line',
    'search_read',
    {
      domain: [['wizard_id', '=', wiz]],
      fields: ['product_id', 'quantity'],
    },
  );
  const want = await quantitiesByProduct(
    ops,
    req.lines,
    lines.map((l) => m2oId(l.product_id) as number),
  );
  const cmds = lines.map((l) => {
    const pid = m2oId(l.product_id) as number;
    const q = want.get(pid) ?? 0;
    want.delete(pid);
    return [1, l.id, { quantity: q, to_refund: req.refund }];
  });
  if (want.size)
    throw new FerryError(
      'rule_failed',
      `picking ${req.pickingId} delivered none of products ${[...want.keys()].join(', ')}`,
    );
  await ops.conn.call('stock.return.picking', 'write', {
    ids: [wiz as number],
    vals: { product_return_moves: cmds },
  });
  const action = await ops.conn.call<{ res_id?: number }>('stock.return.picking', names.createReturns, {
    ids: [wiz as number],
    context,
  });
  if (typeof action.res_id !== 'number')
    throw new FerryError('partner_validation', 'Odoo did not say which return picking it created');
  const [pick] = await ops.conn.call<{ origin: string | false }[]>('stock.picking', 'read', {
    ids: [action.res_id],
    fields: ['origin'],
  });
  await ops.conn.call('stock.picking', 'write', {
    ids: [action.res_id],
    vals: { origin: `${String(pick?.origin || '')} ${tag(req.key)}`.trim() },
  });
  return action.res_id;
}

export async function returnPicking(ops: Ops, req: ReturnRequest): Promise<ReturnResult> {
  return ops.mutex.run([`stock.picking:${req.pickingId}`, `return:${req.key}`], async () => {
    const existing = await findTagged(ops, req.key);
    const id = existing?.id ?? (await createReturn(ops, req));
    const state = existing?.state === 'done' ? 'done' : await validateReturn(ops, id);
    return { returnPickingId: id, state, created: existing === undefined };
  });
}
