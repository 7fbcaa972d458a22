/**
 * The jobs intake's entry points enqueue, built in one place: the webhook route, the reconciliation
 * poll and the normalise task agree on the task name and payload because they share this builder.
 */
import type { NewJob } from '../../store/index.js';
import { INTAKE_LANE, ORDERS_LANE, orderingKey, orderRef } from './deps.js';

/** The task that normalises one stored channel message into the canonical order. */
export const INTAKE_TASK = 'intake.shopify';

/** The task that validates an order and creates and confirms it in Odoo. */
export const ACCEPT_TASK = 'order.accept';

/** The acceptance job of a newly received order (once per order: its idempotency key says so). */
export function acceptJob(ref: string): NewJob {
  return {
    lane: ORDERS_LANE,
    task: ACCEPT_TASK,
    payload: { ref },
    orderingKey: orderingKey(ref),
    idempotencyKey: `accept:${ref}:1`,
  };
}

/** A stored channel message to normalise: which inbox row, from which channel, under which topic. */
export interface IntakeMessage {
  inboxId: number;
  channel: string;
  /** The channel's topic (`orders/create`, `orders/updated`, `orders/cancelled`). */
  topic: string;
  /** The channel's id of the order, which orders its jobs behind that order's others. */
  channelOrderId: string;
  /** W3C traceparent of the delivery that stored it, when traced. */
  trace?: string | undefined;
}

/** The normalise job for a stored message, ordered behind the same order's other jobs. */
export function intakeJob(m: IntakeMessage): NewJob {
  return {
    lane: INTAKE_LANE,
    task: INTAKE_TASK,
    payload: { inboxId: m.inboxId, channel: m.channel, topic: m.topic },
    orderingKey: orderingKey(orderRef(m.channel, m.channelOrderId)),
    ...(m.trace ? { trace: m.trace } : {}),
  };
}
