/** The events outbox, subscriptions and the delivery log (DESIGN.md §10). */
export { appendEvent } from './appendEvent.js';
export type { NewEvent } from './appendEvent.js';
export { publishOrderEvent } from './publishOrderEvent.js';
export { publishExceptionEvent, EVENTS_LANE } from './publishExceptionEvent.js';
export { claimEvents } from './claimEvents.js';
export { getEvents, listEvents } from './getEvents.js';
export {
  insertSubscription,
  listSubscriptions,
  getSubscription,
  updateSubscription,
} from './subscriptions.js';
export type { Subscription, SubscriptionPatch } from './subscriptions.js';
export { recordDeliveries, listDeliveries, undeliveredSince } from './deliveries.js';
export type { DeliveryAttempt } from './deliveries.js';
