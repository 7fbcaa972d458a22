import type { Clock } from '../core/clock.js';
import type { InboxMessage, NewJob, Store } from '../store/index.js';
import type { EventBus } from './events.js';
import type { Queue } from './queue.js';

interface Pending {
  msg: Omit<InboxMessage, 'status' | 'receivedAt'> & { dedupeKey: string };
  then: ((inboxId: number) => NewJob) | undefined;
  resolve: (o: InboxOutcome) => void;
  reject: (e: unknown) => void;
}

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

  private pending: Pending[] = [];
  private readonly checked = new Set<string>();
  private scheduled = false;

  /**
   * Stores a message and enqueues its processing job (when `then` is given) before resolving.
   * Concurrent calls are committed together in one transaction (group commit): with SQLite, one
   * commit per message is most of the cost of intake. Each caller still learns its own outcome.
   */
  accept(
    msg: Omit<InboxMessage, 'status' | 'receivedAt'> & { dedupeKey: string },
    then: ((inboxId: number) => NewJob) | undefined,
  ): Promise<InboxOutcome> {
    try {
      if (then) {
        // An unknown lane or a bad payload fails here, before anything is stored; a lane and task
        // already seen need not be checked again on the hot path.
        const probe = then(0);
        const key = `${probe.lane}\u0000${probe.task}`;
        if (!this.checked.has(key)) {
          this.deps.queue.prepare(probe);
          this.checked.add(key);
        }
      }
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    return new Promise((resolve, reject) => {
      this.pending.push({ msg, then, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending.splice(0, 256);
    this.scheduled = this.pending.length > 0;
    if (this.scheduled) setImmediate(() => void this.flush());
    const now = this.deps.clock.now();
    try {
      const results = await this.deps.store.inbox.intake(
        batch.map(({ msg: m, then }) => {
          const msg: InboxMessage = {
            source: m.source,
            kind: m.kind,
            receivedAt: now,
            headers: m.headers,
            body: m.body,
            signature: m.signature,
            dedupeKey: m.dedupeKey,
            status: 'accepted',
          };
          if (m.reason !== undefined) msg.reason = m.reason;
          return then
            ? { msg, job: (inboxId: number) => this.deps.queue.prepare(then(inboxId), now) }
            : { msg };
        }),
        now,
      );
      batch.forEach((p, i) => {
        const r = results[i]!;
        const o: InboxOutcome = r.duplicate
          ? { status: 'duplicate', inboxId: r.inboxId }
          : { status: 'accepted', inboxId: r.inboxId, jobId: r.jobId };
        if (o.status === 'duplicate')
          this.deps.events.emit('duplicate', {
            source: p.msg.source,
            kind: p.msg.kind,
            inboxId: o.inboxId,
            dedupeKey: p.msg.dedupeKey,
          });
        else
          this.deps.events.emit('received', { source: p.msg.source, kind: p.msg.kind, inboxId: o.inboxId });
        p.resolve(o);
      });
    } catch (e) {
      for (const p of batch) p.reject(e);
    }
  }

  /** Stores a message that failed verification (bad signature, malformed), with the reason. */
  async reject(
    msg: Omit<InboxMessage, 'status' | 'receivedAt' | 'dedupeKey'>,
    reason: string,
  ): Promise<InboxOutcome> {
    const r = await this.deps.store.inbox.receive({
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
