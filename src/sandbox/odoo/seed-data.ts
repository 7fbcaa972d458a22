/**
 * Seed helpers for flows, tests and the demo: storable products with stock per warehouse,
 * customers, taxes. They go through the same ORM calls a client would make.
 */
import type { SimCore } from './simulator.js';

export interface SeedProduct {
  sku: string;
  name?: string;
  /** Sales price in major units (Odoo's float). */
  price?: number;
  barcode?: string;
  /** Default true: a storable product (17: detailed_type product; 18+: is_storable). */
  storable?: boolean;
  invoicePolicy?: 'order' | 'delivery';
  /** On-hand quantity per warehouse code (`WH`). */
  stock?: Record<string, number>;
}

/** Creates a product and applies its stock counts; returns the product id. */
export function seedProduct(core: SimCore, p: SeedProduct): number {
  const storable = p.storable ?? true;
  const typeVals =
    core.version <= 17
      ? { detailed_type: storable ? 'product' : 'consu' }
      : { type: 'consu', is_storable: storable };
  const id = core.callSync('product.product', 'create', [], {
    vals_list: {
      name: p.name ?? `Product ${p.sku}`,
      default_code: p.sku,
      barcode: p.barcode ?? false,
      list_price: p.price ?? 10,
      standard_price: (p.price ?? 10) / 2,
      invoice_policy: p.invoicePolicy ?? 'delivery',
      ...typeVals,
    },
  }) as number;
  for (const [code, qty] of Object.entries(p.stock ?? {})) setStock(core, id, code, qty);
  return id;
}

/** Sets the counted quantity of a product in a warehouse's stock location (inventory mode + apply). */
export function setStock(core: SimCore, productId: number, warehouseCode: string, qty: number): void {
  const wh = core.db.where('stock.warehouse', (w) => w.code === warehouseCode)[0];
  if (!wh) throw new Error(`no warehouse with code ${warehouseCode}`);
  setStockAt(core, productId, wh.lot_stock_id as number, qty);
}

/** Sets the counted quantity of a product at one internal location (inventory mode + apply). */
export function setStockAt(core: SimCore, productId: number, locationId: number, qty: number): void {
  const ctx = { inventory_mode: true };
  const quant = core.callSync(
    'stock.quant',
    'create',
    [],
    { vals_list: { product_id: productId, location_id: locationId, inventory_quantity: qty } },
    ctx,
  ) as number;
  core.callSync('stock.quant', 'action_apply_inventory', [quant], {}, ctx);
}

/** Adds an internal location under a warehouse's stock location (`WH/Stock/East`); returns its id. */
export function addSubLocation(core: SimCore, warehouseCode: string, name: string): number {
  const wh = core.db.where('stock.warehouse', (w) => w.code === warehouseCode)[0];
  if (!wh) throw new Error(`no warehouse with code ${warehouseCode}`);
  return core.db.insert('stock.location', {
    name,
    usage: 'internal',
    location_id: wh.lot_stock_id,
    warehouse_id: wh.id,
    active: true,
  }).id;
}

export interface SeedCustomer {
  name: string;
  email?: string;
  ref?: string;
  vat?: string;
  street?: string;
  city?: string;
  zip?: string;
  countryCode?: string;
}

export function seedCustomer(core: SimCore, c: SeedCustomer): number {
  const country = c.countryCode
    ? core.db.where('res.country', (r) => r.code === c.countryCode)[0]?.id
    : false;
  return core.callSync('res.partner', 'create', [], {
    vals_list: {
      name: c.name,
      email: c.email ?? false,
      ref: c.ref ?? false,
      vat: c.vat ?? false,
      street: c.street ?? false,
      city: c.city ?? false,
      zip: c.zip ?? false,
      country_id: country ?? false,
      customer_rank: 1,
    },
  }) as number;
}

/** Adds a sales tax (percent) and returns its id. */
export function seedTax(core: SimCore, name: string, percent: number, priceInclude = false): number {
  return core.callSync('account.tax', 'create', [], {
    vals_list: { name, amount: percent, type_tax_use: 'sale', price_include: priceInclude },
  }) as number;
}
