/** Dependencies and rules of the fulfilment release and shipment sync flows. */
import type { Clock } from '../../core/clock.js';
import type { OdooCatalog, OdooStock } from '../../connectors/odoo/index.js';
import type { Order } from '../../core/model.js';
import type { NewJob } from '../../store/index.js';
import type { WarehousePort } from './port.js';

export const FULFILMENT_LANE = 'fulfilment';
export const SHIPMENTS_LANE = 'shipments';

/** A configured warehouse: which Odoo locations' stock it owns. */
export interface WarehouseSite {
  readonly id: string;
  readonly odooWarehouse: string;
  /** Odoo location names (`WH/Stock`) whose stock this warehouse holds. */
  readonly odooLocations: readonly string[];
  /** The Odoo company (res.company id) it ships for: only orders booked there are released to it. */
  readonly company?: number;
}

/** Rules of the warehouse flows (DESIGN.md §5), with their defaults in `DEFAULT_RULES`. */
export interface WarehouseRules {
  /** No single warehouse can fill the order: `split` it across warehouses, or send it whole (`single`) to the best one. */
  readonly split: 'split' | 'single';
  /**
   * Odoo backorder for what a shipment did not carry: always `create`, never (`none`), or follow
   * the warehouse (`warehouse`: none only when it closed a short line and holds the whole order).
   */
  readonly backorder: 'create' | 'none' | 'warehouse';
  /** Shopify's shipping confirmation e-mail to the customer. */
  readonly notifyCustomer: boolean;
  /** The warehouse cancels an order nothing of which shipped: cancel it in Odoo and on the channel, or leave it to a person. */
  readonly warehouseCancel: 'cancel-order' | 'exception';
  /**
   * The warehouse cancels the rest of an order part of which shipped: cancel the Odoo backorder
   * and hold the rest on the channel for the merchant, or keep the backorder for a person to re-route.
   */
  readonly cancelledRest: 'cancel-backorder' | 'keep-backorder';
  /** Carrier (SCAC) asked of the warehouse when the channel names none; none by default. */
  readonly defaultCarrier?: string;
  /** Carrier code (SCAC) → the company name the channel shows (`UPSN` → `UPS`). */
  readonly carrierNames: Readonly<Record<string, string>>;
  /** Carrier company → tracking URL template with `{number}`. */
  readonly trackingUrls: Readonly<Record<string, string>>;
}

export const DEFAULT_RULES: WarehouseRules = {
  split: 'split',
  backorder: 'warehouse',
  notifyCustomer: true,
  warehouseCancel: 'cancel-order',
  cancelledRest: 'cancel-backorder',
  carrierNames: { UPSN: 'UPS', FDEG: 'FedEx', FDE: 'FedEx', USPS: 'USPS', DHL: 'DHL Express' },
  trackingUrls: {
    UPS: 'https://www.ups.com/track?tracknum={number}',
    FedEx: 'https://www.fedex.com/fedextrack/?trknbr={number}',
    USPS: 'https://tools.usps.com/go/TrackConfirmAction?tLabels={number}',
  },
};

/** What the release flow needs. */
export interface FulfilmentDeps {
  readonly ports: ReadonlyMap<string, WarehousePort>;
  /** In preference order (the first wins ties). */
  readonly sites: readonly WarehouseSite[];
  /** Products and their stock positions, to choose the warehouse. */
  readonly odoo: OdooCatalog & OdooStock;
  /** The Odoo company an order books in; without it every site takes every order. */
  readonly companyOf?: (order: Pick<Order, 'entity' | 'channel'>) => number;
  readonly clock: Clock;
  readonly rules: WarehouseRules;
  /** Shadow mode per flow and channel (`fulfilment`, the order's channel); default never. */
  readonly shadow?: (flow: string, channel: string) => Promise<boolean>;
  /** The job that republishes availability of the SKUs a release or shipment moved (issue 6). */
  readonly stockMoved?: StockMovedHook;
}

/** Builds the inventory job for SKUs a release or shipment of order `ref` moved; none when inventory is off. */
export type StockMovedHook = (
  skus: readonly string[],
  reason: 'release' | 'shipment',
  ref: string,
) => NewJob | undefined;
