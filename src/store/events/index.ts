/** The events outbox, subscriptions and the delivery log (DESIGN.md §10). */
import { atomic, withConn, type Conn } from '../role.js';
import { appendEvent as appendEventOp } from './appendEvent.js';
import { claimEvents as claimEventsOp } from './claimEvents.js';
import { getEvents as getEventsOp } from './getEvents.js';
import { listEvents as listEventsOp } from './listEvents.js';
import { getSubscription as getSubscriptionOp } from './getSubscription.js';
import { insertSubscription as insertSubscriptionOp } from './insertSubscription.js';
import { listSubscriptions as listSubscriptionsOp } from './listSubscriptions.js';
import { updateSubscription as updateSubscriptionOp } from './updateSubscription.js';
import { listDeliveries as listDeliveriesOp } from './listDeliveries.js';
import { recordDeliveries as recordDeliveriesOp } from './recordDeliveries.js';
import { undeliveredSince as undeliveredSinceOp } from './undeliveredSince.js';

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
export type { Subscription } from './subscriptionRows.js';
export type { SubscriptionPatch } from './updateSubscription.js';
export type { DeliveryAttempt } from './deliveryRows.js';
