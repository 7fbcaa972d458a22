import { defineTask } from '../../engine/index.js';
import { FerryError } from '../../core/errors.js';
import type { DeliveryAttempt } from '../../store/events/index.js';
import { EVENTS_LANE, NATS_TASK, type DeliveryPayload, type EventsOutDeps } from './deps.js';
import { bodyOf, deliveryFailed, deliveryPayload, resolveBatch, settleAttempts } from './deliver.js';

/**
 * Publishes events to NATS JetStream with the event id as `Nats-Msg-Id`. A publish whose ack was
 * lost (a crash, a timeout) is simply published again: within the stream's duplicate window the
 * server answers `duplicate` and stores nothing, which the delivery log records.
 */
export function natsPublishTask(deps: EventsOutDeps) {
  return defineTask<DeliveryPayload>({
    name: NATS_TASK,
    lane: EVENTS_LANE,
    payload: deliveryPayload,
    impact: 'info',
    handleBatch: async (ctxs) => {
      const nats = deps.nats;
      if (!nats) {
        for (const c of ctxs)
          c.fail(new FerryError('config_invalid', 'events.nats is not configured in this process'));
        return;
      }
      const resolved = await resolveBatch(ctxs);
      if (resolved.length === 0) return;
      const bodies = new Map<string, string>();
      const at = deps.clock.now();
      const results = await Promise.all(
        resolved.map(async (r) => {
          const started = deps.clock.now();
          try {
            const ack = await nats.publish(r.event.type, r.event.id, bodyOf(r, deps.environment, bodies));
            return { r, ok: true, error: ack.duplicate ? 'duplicate: already in the stream' : null, started };
          } catch (e) {
            return { r, ok: false, error: `publish failed: ${(e as Error).message}`, started };
          }
        }),
      );
      const attempts: DeliveryAttempt[] = results.map((x) => ({
        subscriptionId: x.r.sub.id,
        eventId: x.r.event.id,
        attempt: x.r.ctx.attempt,
        at,
        ok: x.ok,
        status: null,
        error: x.error,
        durationMs: deps.clock.now() - x.started,
      }));
      await settleAttempts(ctxs, attempts, new Map(resolved.map((r) => [r.sub.id, r.sub])), deps);
      for (const x of results)
        if (!x.ok) x.r.ctx.fail(deliveryFailed(x.r, x.error ?? 'failed', deps.natsRetryMs, null));
    },
  });
}
