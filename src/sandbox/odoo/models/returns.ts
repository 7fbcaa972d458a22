/**
 * The return wizard (stock.return.picking + lines). Differences by version (ODOO.md §2 step 15,
 * §6): 16/17 call `create_returns` and have `location_id`; 17 defaults each line to the delivered quantity (16 makes no lines over RPC) and
 * `location_id`; 18/19 call `action_create_returns` (or `_all`), default lines to 0, no location_id.
 */
import { since } from '../schema.js';
import type { MethodDef, ModelDef } from '../schema.js';
import { ExceptionName, SimError } from '../types.js';
import type { Env, Rec } from '../types.js';
import { createPicking } from './stock-picking.js';

function alreadyReturned(env: Env, moveId: number): number {
  return env.db
    .where('stock.move', (m) => m.origin_returned_move_id === moveId && m.state !== 'cancel')
    .reduce((a, m) => a + Number(m.product_uom_qty), 0);
}

function prepareWizard(env: Env, vals: Record<string, unknown>): void {
  const fromCtx = env.ctx.active_model === 'stock.picking' ? env.ctx.active_id : undefined;
  if (vals.picking_id === undefined && typeof fromCtx === 'number') vals.picking_id = fromCtx;
  if (typeof vals.picking_id !== 'number') {
    throw new SimError(ExceptionName.valueError, 'Expected singleton: stock.picking()');
  }
  const picking = env.db.get('stock.picking', vals.picking_id);
  if (env.version === 17 && picking) vals.location_id ??= picking.location_id;
}

/**
 * 17 on compute the lines from the picking's done moves on create; 16 fills them (and the return
 * location) in the form's onchange, which RPC does not run: real 16 created a wizard without lines.
 */
function afterCreate(env: Env, wizard: Rec): void {
  if (env.version <= 16) return;
  const moves = env.db.where(
    'stock.move',
    (m) => m.picking_id === wizard.picking_id && m.state === 'done' && !m.is_inventory,
  );
  for (const m of moves) {
    const left = Number(m.product_uom_qty) - alreadyReturned(env, m.id);
    env.db.insert('stock.return.picking.line', {
      wizard_id: wizard.id,
      product_id: m.product_id,
      move_id: m.id,
      quantity: env.version <= 17 ? Math.max(0, left) : 0,
      to_refund: true,
    });
  }
}

/** 17's action also carries the list-view defaults; 18/19 pass the context through (scenario-1x.json). */
function returnContext(env: Env, picking: Rec): Record<string, unknown> {
  if (env.version >= 18) return { ...env.ctx };
  const off = ['draft', 'assigned', 'confirmed', 'ready', 'planning_issues', 'available'];
  return {
    ...env.ctx,
    default_partner_id: picking.partner_id,
    search_default_picking_type_id: picking.picking_type_id,
    ...Object.fromEntries(off.map((k) => [`search_default_${k}`, false])),
  };
}

function returnAction(env: Env, picking: Rec): Record<string, unknown> {
  return {
    name: 'Returned Picking',
    view_mode: env.version <= 17 ? 'form,tree,calendar' : 'form',
    res_model: 'stock.picking',
    res_id: picking.id,
    type: 'ir.actions.act_window',
    context: returnContext(env, picking),
  };
}

function createReturns(env: Env, ids: number[], all: boolean): Record<string, unknown> {
  const wizard = env.db.get('stock.return.picking', ids[0] ?? 0);
  if (!wizard) throw new SimError(ExceptionName.valueError, 'Expected singleton: stock.return.picking()');
  const lines = env.db.where('stock.return.picking.line', (l) => l.wizard_id === wizard.id);
  if (all)
    for (const l of lines)
      l.quantity = Number(env.db.get('stock.move', l.move_id as number)?.product_uom_qty);
  const chosen = lines.filter((l) => Number(l.quantity) > 0);
  if (!chosen.length) {
    throw new SimError(ExceptionName.userError, 'Please specify at least one non-zero quantity.');
  }
  const picking = env.db.get('stock.picking', wizard.picking_id as number) as Rec;
  const type = env.db.get('stock.picking.type', picking.picking_type_id as number) as Rec;
  const returnType = (type.return_picking_type_id as number) || (picking.picking_type_id as number);
  const dest = (wizard.location_id as number) || (picking.location_id as number);
  const created = createPicking(
    env,
    {
      typeId: returnType,
      partnerId: picking.partner_id as number | false,
      origin: `Return of ${String(picking.name)}`,
      saleId: picking.sale_id as number | false,
    },
    chosen.map((l) => {
      const orig = env.db.get('stock.move', l.move_id as number) as Rec;
      return {
        productId: l.product_id as number,
        qty: Number(l.quantity),
        originReturnedMoveId: orig.id,
        toRefund: l.to_refund === true,
        saleLineId: l.to_refund === true ? (orig.sale_line_id as number | false) : false,
        name: String(orig.name),
      };
    }),
    { src: picking.location_dest_id as number, dest },
  );
  return returnAction(env, created);
}

const methods: Record<string, MethodDef> = {
  create_returns: {
    params: [],
    access: 'write',
    versions: since(16, 17),
    run: (e, ids) => createReturns(e, ids, false),
  },
  action_create_returns: {
    params: [],
    access: 'write',
    versions: since(18),
    run: (e, ids) => createReturns(e, ids, false),
  },
  action_create_returns_all: {
    params: [],
    access: 'write',
    versions: since(18),
    run: (e, ids) => createReturns(e, ids, true),
  },
};

export const returnModels: readonly ModelDef[] = [
  {
    name: 'stock.return.picking',
    label: 'Return Picking',
    app: 'stock',
    fields: {
      picking_id: { type: 'm2o', comodel: 'stock.picking' },
      product_return_moves: { type: 'o2m', comodel: 'stock.return.picking.line', inverse: 'wizard_id' },
      location_id: { type: 'm2o', comodel: 'stock.location', versions: since(16, 17) },
    },
    prepare: prepareWizard,
    afterCreate,
    methods,
  },
  {
    name: 'stock.return.picking.line',
    label: 'Return Picking Line',
    app: 'stock',
    fields: {
      wizard_id: { type: 'm2o', comodel: 'stock.return.picking' },
      product_id: { type: 'm2o', comodel: 'product.product' },
      move_id: { type: 'm2o', comodel: 'stock.move' },
      quantity: { type: 'float' },
      to_refund: { type: 'bool', default: true },
    },
  },
];
