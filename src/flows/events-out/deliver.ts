import { z } from 'zod';
import { FerryError } from '../../core/errors.js';
import { toCloudEvent, type StoredEvent } from '../../core/events/index.js';
import type { JobContext } from '../../engine/index.js';
import { type DeliveryAttempt, type Subscription } from '../../store/events/index.js';
import type { DeliveryPayload, EventsOutDeps } from './deps.js';
import { retryDelayMs } from './schedule.js';

export const deliveryPayload = z.object({ eventId: z.string().min(1), subscriptionId: z.number().int() });

/** What one job resolved to before anything was sent. */
export interface Resolved {
  ctx: JobContext<DeliveryPayload>;
  event: StoredEvent;
  sub: Subscription;
}

/**
 * Loads the events and subscriptions of a batch of delivery jobs. A job whose event is gone (purged)
 * fails for a person to look at; a job whose subscription was removed or disabled completes without
 * sending — `ferry events recover` sends what a disabled subscription missed once it is enabled.
 */
export async function resolveBatch(ctxs: JobContext<DeliveryPayload>[]): Promise<Resolved[]> {
  const store = ctxs[0]!.store;
  const events = new Map(
    (await store.events.getEvents([...new Set(ctxs.map((c) => c.payload.eventId))])).map((e) => [e.id, e]),
  );
  const subs = new Map((await store.events.listSubscriptions()).map((s) => [s.id, s]));
  const out: Resolved[] = [];
  for (const ctx of ctxs) {
    const event = events.get(ctx.payload.eventId);
    const sub = subs.get(ctx.payload.subscriptionId);
    if (!event)
      ctx.fail(
        new FerryError('not_found', `event ${ctx.payload.eventId} is no longer in the outbox`, {
          entities: { event: ctx.payload.eventId },
        }),
      );
    else if (sub?.enabled) out.push({ ctx, event, sub });
  }
  return out;
}

/** The envelope a subscription receives, serialised once per (event, payload mode). */
export function bodyOf(r: Resolved, environment: string, cache: Map<string, string>): string {
  const key = `${r.event.id}\u0000${r.sub.payload}`;
  let body = cache.get(key);
  if (body === undefined) {
    body = JSON.stringify(toCloudEvent(r.event, environment, r.sub.payload));
    cache.set(key, body);
  }
  return body;
}

/**
 * Writes the batch's attempts to the delivery log and keeps each subscription's failure clock: one
 * success clears it; an endpoint that has failed for `disableAfterMs` without one success is
 * disabled (the `events_endpoint_disabled` alert fires while it stays so). Written directly, not
 * with the jobs' completion: a failed job's own writes are rolled back, and its attempt must stay in
 * the log. Returns the subscriptions disabled now.
 */
export async function settleAttempts(
  ctxs: JobContext<DeliveryPayload>[],
  attempts: DeliveryAttempt[],
  subs: Map<number, Subscription>,
  deps: EventsOutDeps,
): Promise<Set<number>> {
  const now = deps.clock.now();
  const disabled = new Set<number>();
  await ctxs[0]!.store.transaction(async (tx) => {
    await tx.events.recordDeliveries(attempts);
    for (const [id, s] of subs) {
      const mine = attempts.filter((a) => a.subscriptionId === id);
      if (mine.some((a) => a.ok)) {
        if (s.failingSince !== null) await tx.events.updateSubscription(id, { failingSince: null }, now);
        continue;
      }
      const since = s.failingSince ?? now;
      if (s.kind === 'webhook' && now - since >= deps.disableAfterMs) {
        const last = mine[mine.length - 1]?.error ?? 'failing';
        const reason = `failing since ${new Date(since).toISOString()}: ${last}`;
        await tx.events.updateSubscription(
          id,
          { enabled: false, disabledReason: reason, failingSince: since },
          now,
        );
        disabled.add(id);
      } else if (s.failingSince === null) await tx.events.updateSubscription(id, { failingSince: now }, now);
    }
  });
  return disabled;
}

/** The retryable failure of one delivery, waiting as long as the schedule (or the endpoint) asks. */
export function deliveryFailed(
  r: Resolved,
  error: string,
  schedule: readonly number[],
  retryAfterS: number | null,
): FerryError {
  const waitMs = Math.max(retryDelayMs(schedule, r.ctx.attempt), (retryAfterS ?? 0) * 1000);
  return new FerryError('partner_unavailable', `event ${r.event.id} to ${r.sub.name}: ${error}`, {
    retryAfterMs: waitMs,
    partner: `events:${r.sub.name}`,
    impact: 'info',
    entities: { event: r.event.id, subscription: r.sub.name, type: r.event.type },
  });
}
