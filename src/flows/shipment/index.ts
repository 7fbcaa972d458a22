/**
 * Shipment sync (DESIGN.md §5): a warehouse shipment validates the Odoo delivery (backorder by
 * rule), creates the channel fulfilment with tracking, and moves the order to shipped; warehouse
 * cancellations flow back to Odoo and the channel.
 */
export type { ShipmentDeps } from './deps.js';
export { applyShipmentTask } from './applyTask.js';
export { warehouseCancelTask } from './cancelTask.js';
export {
  CARRIER_MAPPING,
  CARRIER_UNMAPPED_TASK,
  EVERY_WAREHOUSE,
  carrierUnmappedTask,
  resolveCarrier,
} from './carrier.js';
export type { ResolvedCarrier } from './carrier.js';
