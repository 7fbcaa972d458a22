import type { Clock } from '../core/clock.js';
import { FerryError } from '../core/errors.js';
import type { EnqueueResult, NewJob, PreparedJob, Store, StoreSession } from '../store/index.js';
import type { LaneRegistry } from './lanes.js';

/** Enqueues jobs into configured lanes, with the lane's defaults applied. */
export class Queue {
  constructor(
    private readonly store: Store,
    private readonly lanes: LaneRegistry,
    private readonly clock: Clock,
  ) {}

  /** Validates and serialises a job; an unknown lane or a payload that is not JSON is refused. */
  prepare(job: NewJob, now = this.clock.now()): PreparedJob {
    const lane = this.lanes.get(job.lane);
    if (!job.task) throw new FerryError('bad_request', 'job task is required');
    let payloadJson: string | undefined;
    try {
      payloadJson = JSON.stringify(job.payload ?? null);
    } catch (e) {
      throw new FerryError(
        'payload_invalid',
        `job payload for ${job.task} is not serialisable as JSON: ${(e as Error).message}`,
      );
    }
    // Field by field, not a spread of `job`: this runs once per webhook on the intake path.
    const prepared: PreparedJob = {
      lane: lane.name,
      task: job.task,
      payloadJson,
      priority: job.priority ?? 0,
      runAt: job.runAt ?? now,
      maxAttempts: job.maxAttempts ?? lane.maxAttempts,
    };
    if (job.orderingKey !== undefined) prepared.orderingKey = job.orderingKey;
    if (job.idempotencyKey !== undefined) prepared.idempotencyKey = job.idempotencyKey;
    if (job.partner !== undefined) prepared.partner = job.partner;
    if (job.trace !== undefined) prepared.trace = job.trace;
    return prepared;
  }

  /** Enqueues in `tx` when given (committing with the caller's writes), else on its own. */
  async enqueue(jobs: NewJob | NewJob[], tx?: StoreSession): Promise<EnqueueResult[]> {
    const now = this.clock.now();
    const prepared = (Array.isArray(jobs) ? jobs : [jobs]).map((j) => this.prepare(j, now));
    return (tx ?? this.store).jobs.enqueue(prepared, now);
  }
}
