import type { Store } from '../port.js';

/** Why a message received in the window was not queued again. */
export const ReplayLeftOut = {
  /** Its job has not run yet (ready or running): it will, without a replay. */
  pending: 'pending',
  /** Its job is in the exception queue: `ferry exceptions replay` is the way to run it again. */
  excepted: 'excepted',
  /** A person skipped its job: replaying would undo that decision. */
  skipped: 'skipped',
  /** No job to copy: a topic stored and not processed, or a job already purged by retention. */
  noJob: 'no job',
  /** Its body was erased for privacy: there is nothing left to process. */
  erased: 'erased',
} as const;

export type ReplayLeftOut = (typeof ReplayLeftOut)[keyof typeof ReplayLeftOut];

/** What `replayInbox` did. */
export interface InboxReplay {
  /** Messages queued again, oldest first, with the new job's id. */
  replayed: Array<{ inboxId: number; jobId: number }>;
  /** Messages in the window that were not, with the reason. */
  leftOut: Array<{ inboxId: number; why: ReplayLeftOut }>;
}

/**
 * Queues the processing of every message received at or after `since` (epoch ms) again: a copy of
 * the job its intake enqueued (lane, task, payload, ordering key, trace), ready now, in the order
 * the messages arrived. For after a restore: a backup knows nothing of what the partners saw
 * since it was taken, and processing a message again converges on what exists (the flows read back
 * before they write), so a replay adds nothing twice. Rejected messages are not replayed. One
 * transaction, audited per message under `inbox.replay`.
 */
export async function replayInbox(
  store: Store,
  since: number,
  opts: { actor: string; now: number; dryRun?: boolean },
): Promise<InboxReplay> {
  return store.transaction(async (tx) => {
    const rows = await tx.inbox.replayCandidates(since);
    const result: InboxReplay = { replayed: [], leftOut: [] };
    for (const r of rows) {
      const why = leftOutBecause(r);
      if (why) {
        result.leftOut.push({ inboxId: r.inboxId, why });
        continue;
      }
      if (opts.dryRun) {
        result.replayed.push({ inboxId: r.inboxId, jobId: 0 });
        continue;
      }
      const [job] = await tx.jobs.enqueue(
        [
          {
            lane: r.lane!,
            task: r.task!,
            payloadJson: r.payload!,
            priority: r.priority!,
            runAt: opts.now,
            maxAttempts: r.maxAttempts!,
            ...(r.orderingKey ? { orderingKey: r.orderingKey } : {}),
            ...(r.partner ? { partner: r.partner } : {}),
            ...(r.trace ? { trace: r.trace } : {}),
          },
        ],
        opts.now,
      );
      await tx.inbox.setInboxJob(r.inboxId, job!.id);
      await tx.audit.appendAudit({
        at: opts.now,
        actor: opts.actor,
        action: 'inbox.replay',
        targetKind: 'inbox',
        targetId: String(r.inboxId),
        before: { jobId: r.jobId },
        after: { jobId: job!.id, since: new Date(since).toISOString() },
      });
      result.replayed.push({ inboxId: r.inboxId, jobId: job!.id });
    }
    return result;
  });
}

function leftOutBecause(r: {
  erasedAt: number | null;
  jobId: number | null;
  state: string | null;
}): ReplayLeftOut | undefined {
  if (r.erasedAt !== null) return ReplayLeftOut.erased;
  if (r.jobId === null) return ReplayLeftOut.noJob;
  if (r.state === 'ready' || r.state === 'running') return ReplayLeftOut.pending;
  if (r.state === 'excepted') return ReplayLeftOut.excepted;
  if (r.state === 'skipped') return ReplayLeftOut.skipped;
  return undefined; // completed: its effects may be newer at the partners than in this store
}
