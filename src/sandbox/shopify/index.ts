/**
 * Shopify simulator for tests, benchmarks and the demo (DESIGN.md §9): a test double of a shop,
 * never a substitute for the real client.
 */
export { ShopifySimulator } from './simulator.js';
export type { InjectedFault, ShopifySimulatorOptions, SimulatorStats } from './simulator.js';
export { WebhookSender, planBatch } from './webhookSender.js';
export type {
  AttemptRecord,
  BatchReport,
  SendAllOptions,
  SendReport,
  WebhookDelivery,
  WebhookSenderOptions,
} from './webhookSender.js';
export { generateCatalogue, generateOrder } from './orderGenerator.js';
export type { CatalogueItem, GenerateOrderOptions } from './orderGenerator.js';
export type { OrderJson } from './orderTypes.js';
export { SimState } from './state.js';
export type {
  FulfillmentOrderRecord,
  FulfillmentRecord,
  IdempotencyRecord,
  InventoryLevelRecord,
} from './state.js';
export { seededRng } from './rng.js';
export type { Rng } from './rng.js';
export type { CostBucketOptions } from './costBucket.js';
