/**
 * Inventory publish (issue 6, DESIGN.md §5): positions from Odoo (stock.quant poll) and from WMSs
 * (pushed), in-flight orders from intake's StockGuard, available-to-promise per channel from the
 * core engine, published to Shopify incrementally with compare-and-set, and a full resync per
 * channel on schedule. Every published value is recorded with its inputs and rule version.
 */
export * from './deps.js';
export { InventoryRuntime } from './runtime.js';
export { InventoryState } from './state.js';
export { pollOdooStock, readAllOdooStock, toPositions } from './odooStock.js';
export type { StockReadResult } from './odooStock.js';
export { publishChanges } from './publish.js';
export type { AppliedValue, ChannelPublishReport, PublishOptions } from './publish.js';
export { resyncChannel } from './resync.js';
export type { ResyncReport } from './resync.js';
export { inventoryTasks, odooPollTask, publishTask, refreshTask, resyncTask } from './tasks.js';
export { StockMoveReason, refreshSkus, stockMovedJob } from './refresh.js';
export type { RefreshReport, StockMovedHook } from './refresh.js';
export { refusedPositionsJob, refusedPositionsTask } from './refused.js';
export { pushedPositionsJob, pushedPositionsTask } from './pushed.js';
export { describeExplanation, explainPublished } from './explain.js';
export type { PublishedExplanation } from './explain.js';
