import { defineTask } from '../../engine/index.js';
import type { DeliveryAttempt } from '../../store/events/index.js';
import { FerryError, toFerryError } from '../../core/errors.js';
import { EVENTS_LANE, WEBHOOK_TASK, type DeliveryPayload, type EventsOutDeps } from './deps.js';
import {
  bodyOf,
  deliveryFailed,
  deliveryPayload,
  resolveBatch,
  settleAttempts,
  type Resolved,
} from './deliver.js';

/**
 * Delivers events to webhook subscriptions, a batch of jobs at once (one POST each, concurrently).
 * The `webhook-id` is the event id, the same on every retry, so a subscriber dedupes on it; the
 * signature covers id, timestamp and body (Standard Webhooks). A failure waits per the retry
 * schedule; the last one parks the job in the exception queue, from where it can be replayed.
 */
export function webhookDeliveryTask(deps: EventsOutDeps) {
  return defineTask<DeliveryPayload>({
    name: WEBHOOK_TASK,
    lane: EVENTS_LANE,
    payload: deliveryPayload,
    impact: 'info',
    handleBatch: async (ctxs) => {
      const all = await resolveBatch(ctxs);
      const secrets = await secretsOf(all, deps);
      // A subscription whose secret cannot be read fails its own deliveries, not the batch.
      const resolved = all.filter((r) => {
        const s = secrets.get(r.sub.id);
        if (s instanceof Error) r.ctx.fail(s);
        return Array.isArray(s);
      });
      if (resolved.length === 0) return;
      const bodies = new Map<string, string>();
      const at = new Date(deps.clock.now());
      const results = await Promise.all(
        resolved.map(async (r) => {
          const body = bodyOf(r, deps.environment, bodies);
          const keys = secrets.get(r.sub.id) as string[];
          return {
            r,
            res: await deps.sender.send({ url: r.sub.url ?? '', msgId: r.event.id, at, secrets: keys, body }),
          };
        }),
      );
      const attempts: DeliveryAttempt[] = results.map(({ r, res }) => ({
        subscriptionId: r.sub.id,
        eventId: r.event.id,
        attempt: r.ctx.attempt,
        at: at.getTime(),
        ok: res.ok,
        status: res.status,
        error: res.error,
        durationMs: res.durationMs,
      }));
      const subs = new Map(resolved.map((r) => [r.sub.id, r.sub]));
      const disabled = await settleAttempts(ctxs, attempts, subs, deps);
      for (const { r, res } of results)
        if (!res.ok && !disabled.has(r.sub.id))
          r.ctx.fail(deliveryFailed(r, res.error ?? 'failed', deps.webhookRetryMs, res.retryAfterS));
    },
  });
}

/**
 * The secrets each subscription signs with: the current one, and the previous one while its
 * rotation overlap lasts; an Error for a subscription whose secret cannot be read. Revealed once
 * per batch, never logged.
 */
async function secretsOf(resolved: Resolved[], deps: EventsOutDeps): Promise<Map<number, string[] | Error>> {
  const now = deps.clock.now();
  const out = new Map<number, string[] | Error>();
  for (const { sub: s } of resolved) {
    if (out.has(s.id)) continue;
    try {
      const list: string[] = [];
      if (s.secretName) list.push(await deps.revealSecret(s.secretName));
      if (s.previousSecretName && (s.previousUntil ?? 0) > now)
        list.push(await deps.revealSecret(s.previousSecretName));
      if (list.length === 0)
        throw new FerryError('config_invalid', `subscription ${s.name} has no signing secret`);
      out.set(s.id, list);
    } catch (e) {
      out.set(s.id, toFerryError(e));
    }
  }
  return out;
}
