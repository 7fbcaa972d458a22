/** Order intake (DESIGN.md §5): received → validated → accepted, updates, cancellations, polls. */
export * from './deps.js';
export { ACCEPT_TASK, INTAKE_TASK, acceptJob, intakeJob } from './jobs.js';
export type { IntakeMessage } from './jobs.js';
export { applyChannelOrder } from './applyChannelOrder.js';
export { normaliseShopifyTask } from './normaliseTask.js';
export { acceptOrderTask } from './acceptTask.js';
export type { AcceptOptions } from './acceptTask.js';
export { cancelOrderTask } from './cancelTask.js';
export { changedFields } from './changes.js';
export { shopifyPollTask, odooOrderPollTask } from './pollTasks.js';
export { totalMismatchTask, compareTotals } from './totals.js';
export { activeHolds, addHold, releaseAgainJob, releaseHolds, ruleHolds, HoldKind } from './holds.js';
export type { Hold } from './holds.js';
export { odooPriceSource } from './prices.js';
export { odooEditTask, ODOO_EDIT_TASK } from './odooEditTask.js';
