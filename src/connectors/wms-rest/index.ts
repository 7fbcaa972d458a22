/**
 * Ferry's JSON REST WMS connector (issue 5, PROTOCOLS.md §4): orders created and cancelled over
 * HTTP (idempotent by Ferry's order reference), HMAC-signed webhooks for shipment, inventory,
 * receipt and cancellation events, and an event list to poll when webhooks are lost.
 */
export { WmsClient, classifyStatus } from './client.js';
export type { WmsClientOptions, WmsEventList } from './client.js';
export { signWmsBody, signedWmsHeaders, verifyWmsWebhook } from './signature.js';
export type { WmsVerifyResult } from './signature.js';
export { requestToWmsOrder, wmsShipmentToCanonical, wmsInventoryToPositions } from './mapping.js';
export type { WmsShipmentLines } from './mapping.js';
export {
  WMS_HEADERS,
  WmsEvent,
  WmsOrder,
  WmsOrderInput,
  WmsShipment,
  WmsInventory,
  WmsReceipt,
  WmsEventPage,
} from './wire.js';
export type { WmsEventType } from './wire.js';
