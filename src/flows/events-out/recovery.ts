import { FerryError } from '../../core/errors.js';
import type { Clock } from '../../core/clock.js';
import type { Queue } from '../../engine/index.js';
import type { Store } from '../../store/index.js';
import { deliveryJob, wants } from './relay.js';
import { mustGet } from './subscriptions.js';

/**
 * Sends one event again: to the named subscription, or to every enabled subscription that wants its
 * type. A new job (not a replay of the old one), so it runs even after the first delivery succeeded.
 */
export async function resendEvent(
  store: Store,
  queue: Queue,
  eventId: string,
  subName: string | undefined,
  actor: string,
  clock: Clock,
): Promise<{ jobs: number }> {
  const [event] = await store.events.getEvents([eventId]);
  if (!event)
    throw new FerryError('not_found', `no event ${eventId} in the outbox (purged, or never written)`);
  const subs = subName
    ? [await mustGet(store, subName)]
    : (await store.events.listSubscriptions()).filter((s) => wants(s, event.type));
  const now = clock.now();
  await store.transaction(async (tx) => {
    await tx.jobs.enqueue(
      subs.map((s) => queue.prepare(deliveryJob(event.id, s, `resend:${event.id}:${s.id}:${now}`), now)),
      now,
    );
    await tx.audit.appendAudit({
      actor,
      action: 'events.resend',
      targetKind: 'event',
      targetId: event.id,
      at: now,
      before: null,
      after: { subscriptions: subs.map((s) => s.name) },
    });
  });
  return { jobs: subs.length };
}

/**
 * "Recover everything failed since T": every event since `since` of the subscription's types that
 * it has not received (failed, or never tried while it was disabled) is queued again, oldest first,
 * in chunks so a long outage does not become one huge transaction.
 */
export async function recoverSince(
  store: Store,
  queue: Queue,
  subName: string,
  since: number,
  actor: string,
  clock: Clock,
  onProgress?: (done: number, total: number) => void,
): Promise<{ events: number }> {
  const sub = await mustGet(store, subName);
  if (!sub.enabled)
    throw new FerryError(
      'conflict',
      `subscription "${subName}" is disabled (${sub.disabledReason ?? ''}); enable it first: ferry events enable ${subName}`,
    );
  const ids = await store.events.undeliveredSince(sub.id, since, sub.types);
  const now = clock.now();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    await store.transaction((tx) =>
      tx.jobs.enqueue(
        chunk.map((id) => queue.prepare(deliveryJob(id, sub, `recover:${id}:${sub.id}:${now}`), now)),
        now,
      ),
    );
    onProgress?.(Math.min(i + 500, ids.length), ids.length);
  }
  await store.audit.appendAudit({
    actor,
    action: 'events.recover',
    targetKind: 'event_subscription',
    targetId: sub.name,
    at: now,
    before: null,
    after: { since: new Date(since).toISOString(), events: ids.length },
  });
  return { events: ids.length };
}
