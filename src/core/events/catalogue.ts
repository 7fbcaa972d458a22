import type { OrderState } from '../lifecycle.js';

/**
 * The catalogue of canonical events Ferry publishes (DESIGN.md §10). A type is versioned in its
 * name (`com.ferry.order.shipped.v1`): a change a subscriber could trip over gets a new version
 * instead of changing this one.
 */
export const EventType = {
  orderReceived: 'order.received',
  orderAccepted: 'order.accepted',
  orderRejected: 'order.rejected',
  orderReleased: 'order.released',
  orderShipped: 'order.shipped',
  orderCancelled: 'order.cancelled',
  orderReturned: 'order.returned',
  orderRefunded: 'order.refunded',
  inventoryPublished: 'inventory.published',
  exceptionOpened: 'exception.opened',
  exceptionResolved: 'exception.resolved',
  settlementPosted: 'settlement.posted',
} as const;
export type EventType = (typeof EventType)[keyof typeof EventType];
export const EVENT_TYPES = Object.values(EventType) as [EventType, ...EventType[]];

/** Version of every type in this catalogue. */
export const EVENT_VERSION = 'v1';

/** The CloudEvents `type` of a short type: `order.shipped` → `com.ferry.order.shipped.v1`. */
export function cloudEventType(t: EventType): string {
  return `com.ferry.${t}.${EVENT_VERSION}`;
}

export function isEventType(s: string): s is EventType {
  return (EVENT_TYPES as string[]).includes(s);
}

/**
 * The event an order's move into `state` publishes, or null for intermediate states subscribers
 * have not asked for (validated, reserved, picked, packed, partly shipped, delivered).
 */
export function orderEventFor(state: OrderState): EventType | null {
  switch (state) {
    case 'accepted':
      return EventType.orderAccepted;
    case 'rejected':
      return EventType.orderRejected;
    case 'released':
      return EventType.orderReleased;
    case 'shipped':
      return EventType.orderShipped;
    case 'cancelled':
      return EventType.orderCancelled;
    case 'returned':
      return EventType.orderReturned;
    case 'refunded':
      return EventType.orderRefunded;
    case 'received':
    case 'validated':
    case 'reserved':
    case 'picked':
    case 'packed':
    case 'shipped_partially':
    case 'delivered':
    case 'return_requested':
      return null;
  }
}
