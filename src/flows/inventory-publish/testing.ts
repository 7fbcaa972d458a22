/** A rig for this flow's tests: simulated Odoo and Shopify stores, a store, and a runtime over them. */
import { systemClock } from '../../core/clock.js';
import type { ChannelRulesInput, InventoryConfigInput } from '../../core/inventory/index.js';
import { createOdooClient, type OdooClient } from '../../connectors/odoo/index.js';
import { ShopifyGraphqlClient } from '../../connectors/shopify/index.js';
import { OdooSimulator, addWarehouse, seedProduct, setStock } from '../../sandbox/odoo/index.js';
import { ShopifySimulator } from '../../sandbox/shopify/index.js';
import type { Store } from '../../store/index.js';
import { INVENTORY_ITEM_MAPPING, type PublishTarget } from './deps.js';
import { InventoryRuntime } from './runtime.js';

export const SHOP_LOCATION = 'gid://shopify/Location/1';

export interface RigOptions {
  /** Odoo warehouses beyond WH, by code. */
  warehouses?: string[];
  /** SKU → units per warehouse code. */
  stock: Record<string, Record<string, number>>;
  locations: InventoryConfigInput['locations'];
  channels: ChannelRulesInput[];
  batchSize?: number;
}

export interface Rig {
  odooSim: OdooSimulator;
  odoo: OdooClient;
  shops: Map<string, ShopifySimulator>;
  rt: InventoryRuntime;
  productIds: Map<string, number>;
  /** `available` a shop shows for a SKU. */
  shown(channel: string, sku: string): number | undefined;
  setOdooStock(sku: string, warehouse: string, qty: number): void;
  stop(): Promise<void>;
}

export const itemOf = (sku: string): string => `gid://shopify/InventoryItem/${sku.replace(/\W/g, '')}`;

/** Starts the simulators, seeds stock and item mappings, and builds a runtime (not loaded). */
export async function startRig(store: Store, o: RigOptions): Promise<Rig> {
  const odooSim = new OdooSimulator({ version: 17, db: 'ferry' });
  const url = await odooSim.start();
  for (const code of o.warehouses ?? []) addWarehouse(odooSim.core, `Warehouse ${code}`, code);
  const productIds = new Map<string, number>();
  for (const [sku, stock] of Object.entries(o.stock)) {
    productIds.set(sku, seedProduct(odooSim.core, { sku, price: 10, stock }));
  }
  const odoo = createOdooClient({ url, db: 'ferry', login: 'admin', apiKey: 'sim-admin-key' });
  const shops = new Map<string, ShopifySimulator>();
  const targets = new Map<string, PublishTarget>();
  const clients: ShopifyGraphqlClient[] = [];
  for (const ch of o.channels) {
    const sim = new ShopifySimulator({ shopDomain: `${ch.channel}.myshopify.com` });
    await sim.start();
    shops.set(ch.channel, sim);
    const client = new ShopifyGraphqlClient({
      shopDomain: sim.shopDomain,
      baseUrl: sim.url,
      auth: { kind: 'accessToken', accessToken: 'shpat_simulator' },
    });
    clients.push(client);
    targets.set(ch.channel, { channel: ch.channel, client, locationId: SHOP_LOCATION });
    for (const sku of Object.keys(o.stock)) {
      sim.state.setInventory(itemOf(sku), SHOP_LOCATION, 0, 0, sku);
      await store.mappings.appendMapping({
        kind: INVENTORY_ITEM_MAPPING,
        scope: ch.channel,
        key: sku,
        value: itemOf(sku),
        actor: 'test',
        now: Date.now(),
      });
    }
  }
  const odooLocations = new Set(o.locations.filter((l) => l.owner === 'odoo').map((l) => l.location));
  const rt = new InventoryRuntime(
    { locations: o.locations, channels: o.channels },
    {
      store,
      clock: systemClock,
      odoo,
      targets,
      odooLocations,
      ...(o.batchSize ? { batchSize: o.batchSize } : {}),
    },
  );
  return {
    odooSim,
    odoo,
    shops,
    rt,
    productIds,
    shown: (channel, sku) =>
      shops.get(channel)?.state.level(itemOf(sku), SHOP_LOCATION)?.quantities.available,
    setOdooStock: (sku, warehouse, qty) => setStock(odooSim.core, productIds.get(sku)!, warehouse, qty),
    async stop() {
      for (const c of clients) await c.close();
      for (const s of shops.values()) await s.stop();
      await odoo.close();
      await odooSim.stop();
    },
  };
}
