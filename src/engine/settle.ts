import type { Clock } from '../core/clock.js';
import { toFerryError } from '../core/errors.js';
import { classifyStoreError, type AttemptRecord, type JobRecord, type Store } from '../store/index.js';
import { backoffDelayMs } from './backoff.js';
import type { BufferedEffects } from './context.js';
import { commitCompletions, type Completion, type CompletionOutcome } from './commitBatch.js';
import { handle } from './handle.js';
import type { EventBus } from './events.js';
import type { LaneOptions } from './lanes.js';
import type { Queue } from './queue.js';
import type { TaskDefinition } from './tasks.js';

interface Pending {
  completion: Completion;
  laneOptions: LaneOptions;
  task: TaskDefinition<unknown> | undefined;
  startedAt: number;
  resolve: () => void;
}

/**
 * Records each job's outcome. Successful jobs finishing close together are committed in one
 * transaction (group commit: per-commit cost dominates small jobs on both stores); a job's own
 * writes and the jobs it enqueues commit with its completion (the outbox), inside a savepoint.
 */
export class Settler {
  private pending: Pending[] = [];
  private flushing = false;

  constructor(
    private readonly deps: {
      store: Store;
      queue: Queue;
      clock: Clock;
      events: EventBus;
    },
  ) {}

  async success(
    job: JobRecord,
    effects: BufferedEffects,
    lane: LaneOptions,
    task: TaskDefinition<unknown> | undefined,
    startedAt: number,
  ): Promise<void> {
    let prepared;
    try {
      prepared = effects.jobs.map((j) => this.deps.queue.prepare(j));
    } catch (e) {
      return this.failure(job, e, lane, task);
    }
    await new Promise<void>((resolve) => {
      this.pending.push({
        completion: { job, effects, lane: lane.name, prepared },
        laneOptions: lane,
        task,
        startedAt,
        resolve,
      });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    try {
      while (this.pending.length) {
        const batch = this.pending.splice(0, 200);
        const now = this.deps.clock.now();
        let outcomes: CompletionOutcome[];
        try {
          outcomes = await this.deps.store.transaction((tx) =>
            commitCompletions(
              tx,
              batch.map((b) => b.completion),
              now,
            ),
          );
        } catch (error) {
          // The store failed: the leases run out and the jobs are done again later, never lost.
          this.deps.events.emit('workerError', { error, where: 'complete' });
          for (const b of batch) b.resolve();
          continue;
        }
        await Promise.all(batch.map((b, i) => this.settled(b, outcomes[i]!)));
      }
    } finally {
      this.flushing = false;
    }
  }

  private async settled(b: Pending, o: CompletionOutcome): Promise<void> {
    const job = b.completion.job;
    try {
      if (o.kind === 'done') this.completed(job, b.startedAt);
      else if (o.kind === 'leaseLost') this.deps.events.emit('leaseLost', { job });
      else await this.failure(job, o.error, b.laneOptions, b.task);
    } finally {
      b.resolve();
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
    const error = toFerryError(classifyStoreError(thrown));
    const now = this.deps.clock.now();
    const { events, store } = this.deps;
    events.emit('failed', { job, error });
    if (error.defer) {
      const runAt = now + (error.retryAfterMs ?? 1000);
      if (await store.jobs.defer(handle(job), runAt, now)) events.emit('deferred', { job, error, runAt });
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
      const runAt = now + backoffDelayMs(job.attempts, lane.backoff, error.retryAfterMs);
      if (await store.jobs.retry(handle(job), runAt, errors, now))
        events.emit('retried', { job, error, runAt });
      else events.emit('leaseLost', { job });
      return;
    }
    const message = error.retryable
      ? `${error.message} (gave up after ${job.attempts} attempts)`
      : error.message;
    const exceptionId = await store.jobs.except(
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
