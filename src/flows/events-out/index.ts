/**
 * Events out (DESIGN.md §10): the relay from the outbox to delivery jobs, webhook and JetStream
 * deliveries, subscription management and recovery.
 */
export { EventRelay, deliveryJob, wants } from './relay.js';
export type { RelayOptions } from './relay.js';
export { webhookDeliveryTask } from './webhookTask.js';
export { natsPublishTask } from './natsTask.js';
export { addSubscription, rotateSecret, setEnabled, checkSubscription } from './subscriptions.js';
export type { NewSubscription, SecretKeeper } from './subscriptions.js';
export { resendEvent, recoverSince } from './recovery.js';
export { EVENTS_LANE, WEBHOOK_TASK, NATS_TASK } from './deps.js';
export type { EventsOutDeps, DeliveryPayload } from './deps.js';
export { WEBHOOK_RETRY_MS, NATS_RETRY_MS, attemptsFor, retryDelayMs } from './schedule.js';
