/**
 * Fulfilment release (DESIGN.md §5) and the warehouse port: accepted orders released to the
 * warehouse holding their stock, inbound warehouse messages collected and fanned out, and
 * unacknowledged releases raised as exceptions. The adapters for EDI X12 and a JSON REST WMS are
 * in connectors/x12 and connectors/wms-rest.
 */
export * from './port.js';
export * from './deps.js';
export { route } from './routing.js';
export { observedWarehouse } from './observed.js';
export type { WarehouseCallObserver } from './observed.js';
export type { RoutePart, StockByWarehouse } from './routing.js';
export { releaseTask, releaseJob, RELEASE_TASK } from './releaseTask.js';
export {
  collectTask,
  inboundTask,
  inboundJob,
  problemTask,
  problemJob,
  COLLECT_TASK,
  PROBLEM_TASK,
  SHIPMENT_TASK,
  WAREHOUSE_CANCEL_TASK,
} from './inboundTasks.js';
export { ackCheckTask, ACK_CHECK_TASK } from './ackCheckTask.js';
export {
  ackOverdueTask,
  ackLateTask,
  ackLateJob,
  mayBeAlerted,
  ACK_OVERDUE_TASK,
  ACK_LATE_TASK,
} from './ackAlerts.js';
export { WAREHOUSE_ITEM_MAPPING, withFerrySkus, withWarehouseItems } from './itemMapping.js';
