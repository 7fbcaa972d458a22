import type { Clock } from '../../../core/clock.js';
import type { EventBus } from '../../../engine/index.js';
import type { JobRecord, Store } from '../../../store/index.js';

/**
 * Resolves the older open exceptions of a business key once a newer job of it succeeds: the
 * same task for the same order (ordering key) failed before, a later attempt went through, so
 * the older ones would only do stale work if replayed. Each is audited as `exception.resolve`
 * by `ferry`. Returns the ids resolved.
 */
export async function resolveOlderDuplicates(store: Store, clock: Clock, job: JobRecord): Promise<number[]> {
  if (!job.orderingKey) return [];
  const key = { orderingKey: job.orderingKey, task: job.task, jobId: job.id };
  // Read first, outside a transaction: nearly every success has nothing to resolve, and must not
  // take the store's write lock for it.
  if ((await store.exceptionQueue.findSupersededJobs(key)).length === 0) return [];
  const now = clock.now();
  return store.transaction(async (tx) => {
    const jobIds = await tx.exceptionQueue.findSupersededJobs(key);
    const resolved = await tx.exceptionQueue.resolveSuperseded({ jobIds, byJobId: job.id, now });
    for (const r of resolved)
      await tx.audit.appendAudit({
        at: now,
        actor: 'ferry',
        action: 'exception.resolve',
        targetKind: 'exception',
        targetId: String(r.id),
        before: { status: 'open' },
        after: { status: 'resolved', supersededBy: { jobId: job.id } },
      });
    return resolved.map((r) => r.id);
  });
}

/** Subscribes {@link resolveOlderDuplicates} to job completions; returns the unsubscribe. */
export function resolveOlderDuplicatesOnCompletion(events: EventBus, store: Store, clock: Clock): () => void {
  return events.on('completed', ({ job }) => {
    if (job.orderingKey) void resolveOlderDuplicates(store, clock, job).catch(() => undefined);
  });
}
