/** Dependencies of the shipment sync flow. */
import type { Clock } from '../../core/clock.js';
import type { OdooSales, OdooStock } from '../../connectors/odoo/index.js';
import type { ShopifyChannelRuntime } from '../order-intake/index.js';
import type { NewJob } from '../../store/index.js';
import type { WarehouseRules } from '../fulfilment/index.js';

export interface ShipmentDeps {
  /** Pickings validated or cancelled; the order cancelled when nothing of it shipped. */
  readonly odoo: OdooStock & OdooSales;
  readonly channels: ReadonlyMap<string, ShopifyChannelRuntime>;
  readonly clock: Clock;
  readonly rules: WarehouseRules;
  /** Shadow mode per flow and channel (`shipment`, the order's channel); default never. */
  readonly shadow?: (flow: string, channel: string) => Promise<boolean>;
  /**
   * The inventory job for SKUs a shipment or a warehouse cancellation moved (issue 6), enqueued
   * with it; none when inventory is off.
   */
  readonly stockMoved?: (
    skus: readonly string[],
    reason: 'shipment' | 'warehouse-cancel',
    ref: string,
  ) => NewJob | undefined;
}
