/**
 * Available-to-promise per channel (issue 6): location-aware, buffered, never oversold. Pure
 * computation; the inventory-publish flow does the I/O and records what it published.
 */
export { InventoryEngine } from './engine.js';
export type { AtpChange } from './changes.js';
export { AtpChanges } from './changes.js';
export type { AtpExplanation, LocationInput } from './explain.js';
export { PositionStatus } from './positions.js';
export type { PositionOutcome } from './positions.js';
export { AllocationStep, ChannelRules, InventoryConfig, LocationOwner, RuleFields } from './rules.js';
export type { ChannelRulesInput, InventoryConfigInput } from './rules.js';
export type {
  OrderLineQty,
  PositionBatchResult,
  ReserveLineResult,
  ReserveRequest,
  ReserveResult,
} from './types.js';
