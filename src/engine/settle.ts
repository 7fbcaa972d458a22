import type { Clock } from '../core/clock.js';
import { FerryError, toFerryError } from '../core/errors.js';
import type { AttemptRecord, JobRecord, LeaseHandle, Store } from '../store/index.js';
import { backoffDelayMs } from './backoff.js';
import type { BufferedEffects } from './context.js';
import { hasEffects } from './context.js';
import type { EventBus } from './events.js';
import type { LaneOptions } from './lanes.js';
import type { Queue } from './queue.js';
import type { TaskDefinition } from './tasks.js';

/**
 * Records each job's outcome. Completions without effects are batched into one statement per
 * tick; a completion with effects commits them in one transaction with the job (the outbox).
 */
export class Settler {
  private pending: Array<{ job: JobRecord; startedAt: number; resolve: () => void }> = [];
  private flushing = false;

  constructor(
    private readonly deps: {
      store: Store;
      queue: Queue;
      clock: Clock;
      events: EventBus;
      random?: () => number;
    },
  ) {}

  async success(
    job: JobRecord,
    effects: BufferedEffects,
    lane: LaneOptions,
    task: TaskDefinition<unknown> | undefined,
    startedAt: number,
  ): Promise<void> {
    if (!hasEffects(effects)) {
      await new Promise<void>((resolve) => {
        this.pending.push({ job, startedAt, resolve });
        if (!this.flushing) setImmediate(() => void this.flush());
      });
      return;
    }
    try {
      await this.commitWithEffects(job, effects, lane);
      this.completed(job, startedAt);
    } catch (e) {
      if (e instanceof LeaseLost) return this.deps.events.emit('leaseLost', { job });
      await this.failure(job, e, lane, task);
    }
  }

  private async commitWithEffects(
    job: JobRecord,
    effects: BufferedEffects,
    lane: LaneOptions,
  ): Promise<void> {
    const now = this.deps.clock.now();
    const prepared = effects.jobs.map((j) => this.deps.queue.prepare(j, now));
    await this.deps.store.transaction(async (tx) => {
      const done = await tx.complete([handle(job)], now);
      if (done.length !== 1) throw new LeaseLost();
      for (const w of effects.writes) await w(tx);
      if (prepared.length) await tx.enqueue(prepared, now);
      for (const s of effects.shadow)
        await tx.recordShadowWrite({ lane: lane.name, jobId: job.id, at: now, ...s });
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.pending.length) {
        const batch = this.pending.splice(0, 500);
        const now = this.deps.clock.now();
        try {
          const done = new Set(
            await this.deps.store.complete(
              batch.map((b) => handle(b.job)),
              now,
            ),
          );
          for (const b of batch) {
            if (done.has(b.job.id)) this.completed(b.job, b.startedAt);
            else this.deps.events.emit('leaseLost', { job: b.job });
          }
        } catch (error) {
          // The store failed: the leases run out and the jobs are done again later, never lost.
          this.deps.events.emit('workerError', { error, where: 'complete' });
        }
        for (const b of batch) b.resolve();
      }
    } finally {
      this.flushing = false;
    }
  }

  private completed(job: JobRecord, startedAt: number): void {
    const now = this.deps.clock.now();
    this.deps.events.emit('completed', { job, durationMs: now - startedAt, latencyMs: now - job.createdAt });
  }

  /** Routes a failure: defer (no attempt used), retry with backoff, or the exception queue. */
  async failure(
    job: JobRecord,
    thrown: unknown,
    lane: LaneOptions,
    task: TaskDefinition<unknown> | undefined,
  ): Promise<void> {
    const error = toFerryError(thrown);
    const now = this.deps.clock.now();
    const { events, store } = this.deps;
    events.emit('failed', { job, error });
    if (error.defer) {
      const runAt = now + (error.retryAfterMs ?? 1000);
      if (await store.defer(handle(job), runAt, now)) events.emit('deferred', { job, error, runAt });
      return;
    }
    const entry: AttemptRecord = {
      attempt: job.attempts,
      at: now,
      code: error.code,
      message: error.message,
      retryable: error.retryable,
    };
    const errors = [...job.errors, entry];
    if (error.retryable && job.attempts < job.maxAttempts) {
      const runAt = now + backoffDelayMs(job.attempts, lane.backoff, error.retryAfterMs, this.deps.random);
      if (await store.retry(handle(job), runAt, errors, now)) events.emit('retried', { job, error, runAt });
      else events.emit('leaseLost', { job });
      return;
    }
    const message = error.retryable
      ? `${error.message} (gave up after ${job.attempts} attempts)`
      : error.message;
    const exceptionId = await store.except(
      handle(job),
      {
        code: error.code,
        message,
        impact: error.impact ?? task?.impact ?? lane.impact,
        partner: error.partner ?? job.partner,
        entities: error.entities,
      },
      errors,
      now,
    );
    if (exceptionId === null) events.emit('leaseLost', { job });
    else events.emit('excepted', { job, error, exceptionId });
  }
}

class LeaseLost extends FerryError {
  constructor() {
    super('lease_lost', 'the job lease expired before completion; another worker owns it now');
  }
}

export function handle(job: JobRecord): LeaseHandle {
  return { id: job.id, token: job.leaseToken ?? '' };
}
