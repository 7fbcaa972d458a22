/**
 * Set-up of the inventory end-to-end tests: the shared distributor rig (Odoo, Shopify, warehouse
 * simulators, Ferry serving) with inventory publishing on, every SKU's Shopify item mapped, and the
 * first publish done.
 */
import type { Selectable } from 'kysely';
import type { DB } from '../store/index.js';
import { startFerry } from '../app/index.js';
import { validateConfig, type FerryConfigInput } from '../ops/config/index.js';
import { createLogger } from '../ops/logging/index.js';
import type { DistributorOptions } from '../sandbox/distributor.js';
import { startRig as startSharedRig, type Rig } from './rig.js';
import { waitFor } from './stores.js';
import { INVENTORY_ITEM_MAPPING, InventoryTask, INVENTORY_LANE } from '../flows/inventory-publish/index.js';
import { SHOP_LOCATION, itemOf } from './inventoryRuntimeRig.js';
import { storeDb } from './storeDb.js';

export { SHOP_LOCATION, itemOf } from './inventoryRuntimeRig.js';

export interface InventoryRig extends Rig {
  /** `available` shop-eu shows for a SKU at Ferry's location. */
  shown(sku: string): number | undefined;
  /**
   * Stops Ferry, runs `whileDown` (say, an operator's change straight in the store), and starts a
   * new Ferry on the same database and simulators; `app` is the new one after it resolves.
   */
  restart(whileDown?: () => Promise<void>): Promise<void>;
  /** What shadow mode recorded instead of sending inventorySetQuantities. */
  shadowWrites(): Promise<Selectable<DB['shadow_writes']>[]>;
}

export interface InventoryRigOptions {
  distributor: DistributorOptions;
  /** Stock locations with their owners (`ownership.inventory.locations`); the default owner is Odoo. */
  locations: Record<string, string>;
}

/** The distributor's configuration with inventory published to shop-eu from `locations`. */
export function withInventory(c: FerryConfigInput, locations: Record<string, string>): FerryConfigInput {
  return {
    ...c,
    ownership: { inventory: { default: 'odoo', locations } },
    inventory: {
      locations: Object.keys(locations),
      // Far apart, so a value that changes during a test came from the trigger under test.
      pollEverySeconds: 3600,
      channels: { 'shop-eu': { version: 'eu-r1', shopifyLocationId: SHOP_LOCATION } },
    },
  };
}

/** Starts everything, maps each catalogue SKU to a Shopify item and waits for the first publish. */
export async function startInventoryRig(db: string, o: InventoryRigOptions): Promise<InventoryRig> {
  const configure = (c: FerryConfigInput) => withInventory(c, o.locations);
  const rig = await startSharedRig(db, {
    distributor: o.distributor,
    configure,
    warehouses: { pollEverySeconds: 1 },
  });
  const shop = rig.dist.shops.get('shop-eu')!;
  for (const { sku } of rig.dist.catalogue) {
    shop.state.setInventory(itemOf(sku), SHOP_LOCATION, 0, 0, sku);
    await rig.app.store.mappings.appendMapping({
      kind: INVENTORY_ITEM_MAPPING,
      scope: 'shop-eu',
      key: sku,
      value: itemOf(sku),
      actor: 'test',
      now: Date.now(),
    });
  }
  // The items are mapped only now: a resync publishes them (start-up already read Odoo).
  await rig.app.queue.enqueue({
    lane: INVENTORY_LANE,
    task: InventoryTask.resync,
    payload: { channel: 'shop-eu' },
  });
  const shown = (sku: string) => shop.state.level(itemOf(sku), SHOP_LOCATION)?.quantities.available;
  await waitFor(() => rig.dist.catalogue.every((c) => (shown(c.sku) ?? 0) > 0), 'first publish', 15_000);
  const out: InventoryRig = {
    ...rig,
    shown,
    shadowWrites: () =>
      storeDb(out.app.store)
        .selectFrom('shadow_writes')
        .selectAll()
        .where('operation', '=', 'inventorySetQuantities')
        .execute(),
    async restart(whileDown) {
      await out.app.stop(2000);
      await whileDown?.();
      const base = { ...rig.dist.config, http: { host: '127.0.0.1', port: 0, bodyLimitBytes: 1024 * 1024 } };
      out.app = await startFerry({
        db,
        config: validateConfig(configure(base)),
        mode: 'serve',
        env: rig.dist.env,
        logger: createLogger({ level: 'silent' }),
        warehouses: { pollEverySeconds: 1 },
      });
      for (const [id, s] of rig.dist.shops)
        s.setWebhookTarget({ url: `${out.app.url}/webhooks/shopify/${id}`, maxAttempts: 3 });
      rig.dist.wms?.setWebhookTarget(`${out.app.url}/webhooks/wms/west-wms`);
    },
    async stop() {
      await out.app.stop(2000);
      await rig.dist.stop();
    },
  };
  return out;
}
