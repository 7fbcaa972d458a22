/**
 * stock.quant and the quantity helpers used by reservation and validation. Quants are touched
 * (write_date) whenever their quantity or reservation changes, which is what cursors read.
 */
import { userError } from '../messages.js';
import type { ModelDef } from '../schema.js';
import type { Env, Rec } from '../types.js';

export function internalLocationIds(env: Env): Set<number> {
  return new Set(env.db.where('stock.location', (l) => l.usage === 'internal').map((l) => l.id));
}

export function findQuant(env: Env, productId: number, locationId: number): Rec | undefined {
  return env.db.where('stock.quant', (q) => q.product_id === productId && q.location_id === locationId)[0];
}

function quantFor(env: Env, productId: number, locationId: number): Rec {
  return (
    findQuant(env, productId, locationId) ??
    env.db.insert('stock.quant', {
      product_id: productId,
      location_id: locationId,
      quantity: 0,
      reserved_quantity: 0,
      inventory_quantity: 0,
      inventory_quantity_set: false,
    })
  );
}

/** Changes on-hand and reserved quantity of one product at one internal location. */
export function adjustQuant(
  env: Env,
  productId: number,
  locationId: number,
  dQty: number,
  dReserved = 0,
): void {
  if (!internalLocationIds(env).has(locationId)) return; // partner and virtual locations keep no quants
  const q = quantFor(env, productId, locationId);
  env.db.update('stock.quant', q.id, {
    quantity: Number(q.quantity) + dQty,
    reserved_quantity: Math.max(0, Number(q.reserved_quantity) + dReserved),
  });
}

/**
 * An internal location and its internal descendants, itself first: Odoo reserves and takes stock
 * from anywhere `child_of` a move's source (a delivery from WH/Stock draws on WH/Stock/Shelf 1).
 */
export function childInternal(env: Env, locationId: number): number[] {
  const internal = internalLocationIds(env);
  const out = internal.has(locationId) ? [locationId] : [];
  const children = env.db
    .where('stock.location', (l) => l.location_id === locationId)
    .sort((a, b) => a.id - b.id);
  for (const c of children) out.push(...childInternal(env, c.id));
  return out;
}

/** Free quantity (on hand minus reserved) of a product at one location. */
export function freeAt(env: Env, productId: number, locationId: number): number {
  const q = findQuant(env, productId, locationId);
  return q ? Math.max(0, Number(q.quantity) - Number(q.reserved_quantity)) : 0;
}

export function productQty(env: Env, productId: number): { onHand: number; free: number; forecast: number } {
  const internal = internalLocationIds(env);
  let onHand = 0;
  let reserved = 0;
  for (const q of env.db.where('stock.quant', (r) => r.product_id === productId)) {
    if (!internal.has(q.location_id as number)) continue;
    onHand += Number(q.quantity);
    reserved += Number(q.reserved_quantity);
  }
  let pendingOut = 0;
  let pendingIn = 0;
  for (const m of env.db.where('stock.move', (r) => r.product_id === productId)) {
    if (m.state === 'done' || m.state === 'cancel' || m.state === 'draft') continue;
    const fromInternal = internal.has(m.location_id as number);
    const toInternal = internal.has(m.location_dest_id as number);
    if (fromInternal && !toInternal) pendingOut += Number(m.product_uom_qty);
    if (!fromInternal && toInternal) pendingIn += Number(m.product_uom_qty);
  }
  return { onHand, free: onHand - reserved, forecast: onHand - pendingOut + pendingIn };
}

/**
 * Applies counted quantities with an inventory-adjustment move, as `action_apply_inventory` does
 * (ODOO.md §2 step 5). Returns null like the real method.
 */
function applyInventory(env: Env, ids: number[]): null {
  const adjust = env.db.where('stock.location', (l) => l.usage === 'inventory')[0];
  for (const id of ids) {
    const q = env.db.get('stock.quant', id);
    if (!q || !q.inventory_quantity_set) continue;
    const delta = Number(q.inventory_quantity) - Number(q.quantity);
    env.db.insert('stock.move', {
      name: 'Product Quantity Updated',
      product_id: q.product_id,
      product_uom_qty: Math.abs(delta),
      quantity: Math.abs(delta),
      quantity_done: Math.abs(delta),
      picked: true,
      state: 'done',
      location_id: delta >= 0 ? (adjust?.id ?? false) : q.location_id,
      location_dest_id: delta >= 0 ? q.location_id : (adjust?.id ?? false),
      picking_id: false,
      is_inventory: true,
    });
    env.db.update('stock.quant', id, {
      quantity: Number(q.inventory_quantity),
      inventory_quantity: 0,
      inventory_quantity_set: false,
    });
  }
  return null;
}

export const quantModel: ModelDef = {
  name: 'stock.quant',
  label: 'Quants',
  app: 'stock',
  fields: {
    product_id: { type: 'm2o', comodel: 'product.product', label: 'Product', required: true },
    location_id: { type: 'm2o', comodel: 'stock.location', label: 'Location', required: true },
    quantity: { type: 'float', default: 0 },
    reserved_quantity: { type: 'float', default: 0 },
    inventory_quantity: { type: 'float', default: 0 },
    inventory_quantity_set: { type: 'bool' },
    available_quantity: {
      type: 'float',
      compute: (_env, r) => Number(r.quantity) - Number(r.reserved_quantity),
    },
  },
  prepare: (_env, vals) => {
    if (vals.inventory_quantity !== undefined) vals.inventory_quantity_set = true;
  },
  // ODOO.md §2 step 4: an existing quant for the product and location is reused.
  createOverride: (env, vals) => {
    const existing = findQuant(env, Number(vals.product_id), Number(vals.location_id));
    if (!existing) return undefined;
    if (vals.inventory_quantity !== undefined) {
      env.db.update('stock.quant', existing.id, {
        inventory_quantity: Number(vals.inventory_quantity),
        inventory_quantity_set: true,
      });
    }
    return existing.id;
  },
  beforeWrite: (env, _recs, vals) => {
    // ODOO.md §2 gotchas: in inventory mode, writing `quantity` is refused; outside it, it is
    // accepted and silently changes on-hand stock without a move.
    if (env.ctx.inventory_mode === true && 'quantity' in vals) {
      throw userError("Quant's editing is restricted, you can't do this operation.");
    }
  },
  methods: {
    action_apply_inventory: { params: [], access: 'write', run: (env, ids) => applyInventory(env, ids) },
  },
};
