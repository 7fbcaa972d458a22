/** Stock master data: locations, warehouses, operation types, carriers. */
import type { ModelDef } from '../schema.js';
import { equipWarehouse } from '../seed.js';
import type { Env, Rec } from '../types.js';

const char = { type: 'char' } as const;

/** Like Odoo: a view location's full name is its own name ("WH"), others prefix their parent's. */
function completeName(env: Env, rec: Rec): string {
  const parent =
    typeof rec.location_id === 'number' ? env.db.get('stock.location', rec.location_id) : undefined;
  if (!parent || rec.usage === 'view') return String(rec.name);
  return `${completeName(env, parent)}/${String(rec.name)}`;
}

const location: ModelDef = {
  name: 'stock.location',
  label: 'Inventory Locations',
  app: 'stock',
  fields: {
    name: { type: 'char', label: 'Location Name', required: true },
    complete_name: { type: 'char', compute: completeName },
    location_id: { type: 'm2o', comodel: 'stock.location' },
    usage: {
      type: 'selection',
      selection: ['supplier', 'view', 'internal', 'customer', 'inventory', 'production', 'transit'],
      default: 'internal',
    },
    warehouse_id: { type: 'm2o', comodel: 'stock.warehouse' },
    company_id: { type: 'm2o', comodel: 'res.company' },
    active: { type: 'bool', default: true },
  },
  displayName: completeName,
};

const warehouse: ModelDef = {
  name: 'stock.warehouse',
  label: 'Warehouse',
  app: 'stock',
  fields: {
    name: { type: 'char', label: 'Warehouse', required: true },
    code: { type: 'char', label: 'Short Name', required: true },
    lot_stock_id: { type: 'm2o', comodel: 'stock.location' },
    out_type_id: { type: 'm2o', comodel: 'stock.picking.type' },
    in_type_id: { type: 'm2o', comodel: 'stock.picking.type' },
    company_id: { type: 'm2o', comodel: 'res.company' },
    active: { type: 'bool', default: true },
  },
  prepare: (env, vals) => {
    vals.company_id ??= env.db.settings.companyId;
  },
  // Odoo's create makes the warehouse's locations and operation types (stock_warehouse.py create).
  afterCreate: (env, rec) => equipWarehouse(env, rec.id),
};

const pickingType: ModelDef = {
  name: 'stock.picking.type',
  label: 'Picking Type',
  app: 'stock',
  fields: {
    name: char,
    code: { type: 'selection', selection: ['incoming', 'outgoing', 'internal'] },
    sequence_code: char,
    warehouse_id: { type: 'm2o', comodel: 'stock.warehouse' },
    default_location_src_id: { type: 'm2o', comodel: 'stock.location' },
    default_location_dest_id: { type: 'm2o', comodel: 'stock.location' },
    return_picking_type_id: { type: 'm2o', comodel: 'stock.picking.type' },
    active: { type: 'bool', default: true },
  },
  displayName: (env, rec) => {
    const wh =
      typeof rec.warehouse_id === 'number' ? env.db.get('stock.warehouse', rec.warehouse_id) : undefined;
    return wh ? `${String(wh.name)}: ${String(rec.name)}` : String(rec.name);
  },
};

const carrier: ModelDef = {
  name: 'delivery.carrier',
  label: 'Shipping Methods',
  app: 'delivery',
  fields: {
    name: { type: 'char', label: 'Delivery Method', required: true },
    delivery_type: { type: 'selection', selection: ['fixed', 'base_on_rule'], default: 'fixed' },
    product_id: { type: 'm2o', comodel: 'product.product' },
    active: { type: 'bool', default: true },
  },
};

export const stockMasterModels: readonly ModelDef[] = [location, warehouse, pickingType, carrier];
