/** Names, ports and options shared by the inventory-publish flow. */
import type { Clock } from '../../core/clock.js';
import type { OdooCatalog, OdooStock } from '../../connectors/odoo/index.js';
import type { ShopifyGraphqlClient } from '../../connectors/shopify/index.js';
import type { Store } from '../../store/index.js';

/** The flow's name in shadow-mode settings (per flow and channel). */
export const INVENTORY_FLOW = 'inventory-publish';

/** The lane of every inventory job (a default lane of the configuration). */
export const INVENTORY_LANE = 'inventory';

/** Task names of the flow. */
export const InventoryTask = {
  /** Recompute touched SKUs and publish what changed. */
  publish: 'inventory.publish',
  /** Read Odoo's stock.quant changes since the cursor. */
  odooPoll: 'inventory.odoo-poll',
  /** Re-read everything for one channel and publish every difference. */
  resync: 'inventory.resync',
  /** Re-read and publish the SKUs a release, shipment or cancellation moved. */
  refresh: 'inventory.refresh',
  /** Apply positions a warehouse pushed. */
  positions: 'inventory.positions',
  /** Raise pushed positions that were refused into the exception queue. */
  refused: 'inventory.positions-refused',
} as const;
export type InventoryTask = (typeof InventoryTask)[keyof typeof InventoryTask];

/** Mapping kind that names a SKU's Shopify inventory item per channel (scope = channel id). */
export const INVENTORY_ITEM_MAPPING = 'shopify-inventory-item';

/** Where one channel's availability is published. */
export interface PublishTarget {
  channel: string;
  client: ShopifyGraphqlClient;
  /** `gid://shopify/Location/…` */
  locationId: string;
}

/** What the flow needs from the rest of Ferry. */
export interface InventoryDeps {
  store: Store;
  clock: Clock;
  /** Absent: only pushed (WMS) positions feed the engine. */
  odoo?: (OdooCatalog & OdooStock) | undefined;
  targets: ReadonlyMap<string, PublishTarget>;
  /** Locations whose positions Odoo owns (by Odoo's full location name); others are not read from Odoo. */
  odooLocations: ReadonlySet<string>;
  /** Quantities per inventorySetQuantities call. Default 250. */
  batchSize?: number;
  /** Stale compare-and-set answers tolerated per batch before the job is retried later. Default 3. */
  maxStaleRounds?: number;
  /** Quants read per Odoo change-feed page. Default 2000. */
  pollPageSize?: number;
  /**
   * Whether a channel runs this flow in shadow mode (operators' setting, else the configuration):
   * its values are computed and recorded as would-be writes, and nothing is sent. Default never.
   */
  shadow?: (channel: string) => Promise<boolean>;
  /** Reports a failure that has no job to fail (a trigger's enqueue). */
  onError?: (error: unknown, where: string) => void;
}
