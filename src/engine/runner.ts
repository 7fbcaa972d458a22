import type { Clock } from '../core/clock.js';
import { FerryError } from '../core/errors.js';
import type { JobRecord, Store } from '../store/index.js';
import { createContext, type BufferedEffects } from './context.js';
import type { JobInterceptor } from './interceptor.js';
import type { LaneOptions } from './lanes.js';
import type { Settler } from './settle.js';
import type { JobContext, TaskDefinition } from './tasks.js';

/** What the runner needs of a job's lease: its abort signal, and a flag it sets once the handler returned. */
export interface JobLease {
  abort: AbortController;
  settling: boolean;
}

interface Prepared {
  job: JobRecord;
  ctx: JobContext<unknown>;
  effects: BufferedEffects;
}

/** Runs leased jobs through their task's handler and hands each outcome to the settler. */
export class JobRunner {
  constructor(
    private readonly deps: {
      store: Store;
      clock: Clock;
      settler: Settler;
      tasks: Map<string, TaskDefinition<unknown>>;
      signal: AbortSignal;
      interceptor?: JobInterceptor;
    },
  ) {}

  /** Splits one lease into handler invocations: batch tasks get up to batchSize jobs each. */
  plan(jobs: JobRecord[], lane: LaneOptions): JobRecord[][] {
    const groups: JobRecord[][] = [];
    const batchable = new Map<string, JobRecord[]>();
    for (const job of jobs) {
      const task = this.deps.tasks.get(job.task);
      if (task?.handleBatch && lane.batchSize > 1) {
        const list = batchable.get(job.task) ?? [];
        list.push(job);
        batchable.set(job.task, list);
      } else groups.push([job]);
    }
    for (const list of batchable.values()) {
      for (let i = 0; i < list.length; i += lane.batchSize) groups.push(list.slice(i, i + lane.batchSize));
    }
    return groups;
  }

  /**
   * Runs one group of jobs. `leases` (from the worker's heartbeat) gives each job the signal that
   * aborts it when its lease is abandoned, and is told when the handler has returned.
   */
  async run(jobs: JobRecord[], lane: LaneOptions, leases?: Map<number, JobLease>): Promise<void> {
    const startedAt = this.deps.clock.now();
    const task = this.deps.tasks.get(jobs[0]!.task);
    const ready: Prepared[] = [];
    for (const job of jobs) {
      const own = leases?.get(job.id)?.abort.signal;
      const signal = own ? AbortSignal.any([this.deps.signal, own]) : this.deps.signal;
      const p = this.prepare(job, task, lane, signal);
      if (p instanceof FerryError) await this.deps.settler.failure(job, p, lane, task);
      else ready.push(p);
    }
    if (!task || ready.length === 0) return;
    const invoke = async (): Promise<void> => {
      if (task.handleBatch && lane.batchSize > 1) await task.handleBatch(ready.map((r) => r.ctx));
      else if (task.handle) await task.handle(ready[0]!.ctx);
      else throw new FerryError('unclassified', `task ${task.name} has no handler`);
    };
    const interceptor = this.deps.interceptor;
    try {
      await (interceptor?.run
        ? interceptor.run(
            ready.map((r) => r.job),
            invoke,
          )
        : invoke());
    } catch (e) {
      for (const r of ready) r.effects.failure ??= { error: e };
    }
    for (const r of ready) {
      const lease = leases?.get(r.job.id);
      if (lease) lease.settling = true;
    }
    // An abandoned job is left to lease recovery: its outcome here may be the abort itself, and the
    // lease it would be recorded under may already belong to another worker.
    const kept = ready.filter((r) => !leases?.get(r.job.id)?.abort.signal.aborted);
    await Promise.all(
      kept.map((r) =>
        r.effects.failure
          ? this.deps.settler.failure(r.job, r.effects.failure.error, lane, task)
          : this.deps.settler.success(r.job, r.effects, lane, task, startedAt),
      ),
    );
  }

  private prepare(
    job: JobRecord,
    task: TaskDefinition<unknown> | undefined,
    lane: LaneOptions,
    signal: AbortSignal,
  ): Prepared | FerryError {
    if (!task) {
      return new FerryError('bad_request', `no handler for task "${job.task}" in lane "${job.lane}"`);
    }
    let payload: unknown = job.payload;
    if (task.payload) {
      const parsed = task.payload.safeParse(job.payload);
      if (!parsed.success) {
        const issues = parsed.error.issues
          .map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`)
          .join('; ');
        return new FerryError('payload_invalid', `malformed payload for task ${task.name}: ${issues}`);
      }
      payload = parsed.data;
    }
    const { ctx, effects } = createContext(job, payload, {
      store: this.deps.store,
      clock: this.deps.clock,
      shadow: lane.shadow,
      signal,
      ...(this.deps.interceptor?.childTrace
        ? { childTrace: this.deps.interceptor.childTrace.bind(this.deps.interceptor) }
        : {}),
    });
    return { job, ctx, effects };
  }
}
