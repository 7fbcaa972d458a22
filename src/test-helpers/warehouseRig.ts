/** Shared set-up of the warehouse end-to-end tests: a simulated distributor wired to Ferry. */
import type { WarehouseRules } from '../flows/fulfilment/index.js';
import { generateOrder } from '../sandbox/shopify/index.js';
import type { DistributorOptions } from '../sandbox/distributor.js';
import { startRig as startSharedRig, type Rig, type RigOptions } from './rig.js';
import { waitFor } from './stores.js';
import type { Rec } from '../sandbox/odoo/index.js';

export type { Rig } from './rig.js';

/** Starts the distributor with these warehouses and Ferry on `db`, polling warehouses every second. */
export function startRig(
  db: string,
  warehouses: DistributorOptions['warehouses'],
  rules: Partial<WarehouseRules> = {},
  more: Omit<RigOptions, 'warehouses'> & { distributor?: Omit<DistributorOptions, 'warehouses'> } = {},
): Promise<Rig> {
  return startSharedRig(db, {
    ...more,
    distributor: { products: 10, ...more.distributor, warehouses },
    warehouses: { pollEverySeconds: 1, rules },
  });
}

/** The lines `placeOrder(rig, id, lines)` will send (the generator is seeded by the order id). */
export function itemsOf(rig: Rig, id: number, lines = 2): { sku: string; quantity: number }[] {
  return generateOrder({ id, catalogue: rig.dist.catalogue, lines }).line_items;
}

/** Places a Shopify order with `lines` lines (quantities from the generator) and returns it. */
export async function placeOrder(rig: Rig, id: number, lines = 2) {
  const shop = rig.dist.shops.get('shop-eu')!;
  const json = generateOrder({ id, catalogue: rig.dist.catalogue, lines });
  const report = await shop.webhooks!.send(shop.createOrder(json));
  if (!report.delivered) throw new Error('order webhook not delivered');
  const items = json.line_items as { sku: string; quantity: number }[];
  return { ref: `shop-eu-${id}`, id: String(id), items };
}

export async function waitForState(rig: Rig, ref: string, state: string, timeoutMs = 30_000): Promise<void> {
  await waitFor(
    async () => (await rig.app.store.orders.getOrderByRef(ref))?.state === state,
    `${ref} ${state}`,
    timeoutMs,
  );
}

/** The Odoo outgoing pickings of the sale order made for `channelRef` (`shop-eu:910001`). */
export function odooPickings(rig: Rig, channelRef: string): Rec[] {
  const db = rig.dist.odoo.core.db;
  const so = db.where('sale.order', (r) => r.client_order_ref === channelRef)[0];
  if (!so) return [];
  return db.where('stock.picking', (p) => p.sale_id === so.id).sort((a, b) => a.id - b.id);
}

/** Shopify fulfillments recorded for order `id`. */
export function fulfillments(rig: Rig, id: string) {
  return rig.dist.shops.get('shop-eu')!.state.fulfillments.filter((f) => f.orderId === id);
}
