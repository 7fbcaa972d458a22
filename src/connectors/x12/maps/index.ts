/** Transaction-set mappers: 940 out, 945/944/846 in, each both ways for the simulator and tests. */
export type { Party } from './common.js';
export type { WarehouseOrder, WarehouseOrderLine, ItemCatalog, FulfilmentTo940Options } from './w940.js';
export { build940, parse940, fulfilmentToWarehouseOrder } from './w940.js';
export type { ShippingAdvice, AdviceLoop, AdviceLine } from './w945.js';
export { build945, parse945, ShipStatus } from './w945.js';
export type { InventoryAdvice, InventoryItem } from './w846.js';
export { build846, parse846, QtyQualifier } from './w846.js';
export type { ReceiptAdvice, ReceiptLine, ReceiptException } from './w944.js';
export { build944, parse944 } from './w944.js';
export type { ShipmentConfirmation, InventoryContext, WarehouseReceipt } from './canonical.js';
export { adviceToShipment, adviceToPositions, adviceToReceipt, LineOutcome } from './canonical.js';
