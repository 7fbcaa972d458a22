/** The events outbox, subscriptions and the delivery log (DESIGN.md §10). */
import { atomic, withConn, type Conn } from '../role.js';
import { appendEvent as appendEventOp } from './appendEvent.js';
import { claimEvents as claimEventsOp } from './claimEvents.js';
import { getEvents as getEventsOp, listEvents as listEventsOp } from './getEvents.js';
import {
  getSubscription as getSubscriptionOp,
  insertSubscription as insertSubscriptionOp,
  listSubscriptions as listSubscriptionsOp,
  updateSubscription as updateSubscriptionOp,
} from './subscriptions.js';
import {
  listDeliveries as listDeliveriesOp,
  recordDeliveries as recordDeliveriesOp,
  undeliveredSince as undeliveredSinceOp,
} from './deliveries.js';

/** The `events` role: `session.events.claimEvents(...)`. */
export const events = {
  appendEvent: appendEventOp,
  claimEvents: atomic(
    withConn((c: Conn, limit: number, now: number) => claimEventsOp(c.db, limit, now, c.dialect)),
  ),
  getEvents: getEventsOp,
  listEvents: listEventsOp,
  insertSubscription: insertSubscriptionOp,
  listSubscriptions: listSubscriptionsOp,
  getSubscription: getSubscriptionOp,
  updateSubscription: updateSubscriptionOp,
  recordDeliveries: recordDeliveriesOp,
  listDeliveries: listDeliveriesOp,
  undeliveredSince: undeliveredSinceOp,
};

export type { NewEvent } from './appendEvent.js';
export { publishOrderEvent } from './publishOrderEvent.js';
export { publishExceptionEvent, EVENTS_LANE } from './publishExceptionEvent.js';
export type { Subscription, SubscriptionPatch } from './subscriptions.js';
export type { DeliveryAttempt } from './deliveries.js';
