import type { Clock } from '../core/clock.js';
import type { InboxMessage, NewJob, Store } from '../store/index.js';
import type { EventBus } from './events.js';
import type { Queue } from './queue.js';

export type InboxOutcome =
  | { status: 'accepted'; inboxId: number; jobId: number | null }
  | { status: 'duplicate'; inboxId: number }
  | { status: 'rejected'; inboxId: number; reason: string };

/**
 * Durable intake: a message is stored raw, and the job that processes it is enqueued, in one
 * transaction, before the caller acknowledges the partner. A repeated dedupe key is counted on the
 * original and not processed again; a rejected message is stored for inspection, never processed.
 */
export class InboxService {
  constructor(private readonly deps: { store: Store; queue: Queue; clock: Clock; events: EventBus }) {}

  async accept(
    msg: Omit<InboxMessage, 'status' | 'receivedAt'> & { dedupeKey: string },
    then: ((inboxId: number) => NewJob) | undefined,
  ): Promise<InboxOutcome> {
    const now = this.deps.clock.now();
    const out = await this.deps.store.transaction(async (tx) => {
      const r = await tx.receive({ ...msg, receivedAt: now, status: 'accepted' });
      if (r.duplicate) return { status: 'duplicate' as const, inboxId: r.id };
      if (!then) return { status: 'accepted' as const, inboxId: r.id, jobId: null };
      const job = this.deps.queue.prepare(then(r.id), now);
      const [res] = await tx.enqueue([job], now);
      await tx.markInbox(r.id, 'accepted', now, { jobId: res!.id });
      return { status: 'accepted' as const, inboxId: r.id, jobId: res!.id };
    });
    if (out.status === 'duplicate')
      this.deps.events.emit('duplicate', {
        source: msg.source,
        kind: msg.kind,
        inboxId: out.inboxId,
        dedupeKey: msg.dedupeKey,
      });
    else this.deps.events.emit('received', { source: msg.source, kind: msg.kind, inboxId: out.inboxId });
    return out;
  }

  /** Stores a message that failed verification (bad signature, malformed), with the reason. */
  async reject(
    msg: Omit<InboxMessage, 'status' | 'receivedAt' | 'dedupeKey'>,
    reason: string,
  ): Promise<InboxOutcome> {
    const r = await this.deps.store.receive({
      ...msg,
      dedupeKey: null,
      receivedAt: this.deps.clock.now(),
      status: 'rejected',
      reason,
    });
    this.deps.events.emit('rejected', { source: msg.source, kind: msg.kind, inboxId: r.id, reason });
    return { status: 'rejected', inboxId: r.id, reason };
  }
}
