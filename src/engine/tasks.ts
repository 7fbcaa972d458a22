import type { ZodType } from 'zod';
import type { Clock } from '../core/clock.js';
import type { Impact } from '../core/errors.js';
import type { JobRecord, NewJob, Store, StoreSession } from '../store/index.js';

/** What a handler sees of its job. Effects are buffered and committed with the job's completion. */
export interface JobContext<P = unknown> {
  readonly job: JobRecord;
  /** The payload, validated by the task's schema. */
  readonly payload: P;
  /** 1 for the first attempt. */
  readonly attempt: number;
  /**
   * True when the lane runs in shadow mode: partner writes must go through `wouldWrite`. Flows also
   * honour shadow mode per flow and channel, which only they can tell (they know the channel).
   */
  readonly shadow: boolean;
  /** Aborted when the worker shuts down past its deadline or the lease is lost. */
  readonly signal: AbortSignal;
  readonly clock: Clock;
  /** For reads; writes go through `write` so they commit with the job. */
  readonly store: Store;
  /** Enqueues a job when (and only if) this job completes; it carries this job's trace unless it names one. */
  enqueue(job: NewJob): void;
  /**
   * The trace context a job enqueued now would carry (this run's, with tracing on), or null. Store
   * it with a record to continue this job's trace when a partner answers later (a shipment for a
   * release): name it as the `trace` of the job that handles the answer.
   */
  traceContext(): string | null;
  /** Runs `fn` in the completion transaction: state changes and the job's completion commit together. */
  write(fn: (tx: StoreSession) => Promise<void>): void;
  /** Records what would have been written to a partner, instead of writing it (shadow mode). */
  wouldWrite(partner: string, operation: string, payload: unknown): void;
  /** In a batch handler: marks this job failed; the others are unaffected. */
  fail(error: unknown): void;
}

export interface TaskDefinition<P = unknown> {
  /** Task name, unique in the process. */
  name: string;
  lane: string;
  /** Validates the payload before the handler runs; a bad payload goes to exceptions, never retried. */
  payload?: ZodType<P>;
  /** Impact of this task's exceptions when the error names none. */
  impact?: Impact;
  /** One job at a time. */
  handle?: (ctx: JobContext<P>) => Promise<void>;
  /**
   * Up to the lane's batchSize jobs at once (for partners that accept batches); each job's outcome
   * is its own: `ctx.fail(e)` marks one, a throw fails them all.
   */
  handleBatch?: (ctxs: JobContext<P>[]) => Promise<void>;
}

/** Helper that keeps the payload type of a task definition. */
export function defineTask<P>(def: TaskDefinition<P>): TaskDefinition<P> {
  return def;
}

/** A task of any payload type, for registries that hold many. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTask = TaskDefinition<any>;
