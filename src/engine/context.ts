import type { Clock } from '../core/clock.js';
import type { JobRecord, NewJob, Store, StoreSession } from '../store/index.js';
import type { JobContext } from './tasks.js';

/** Effects a handler buffered, committed with the job's completion. */
export interface BufferedEffects {
  jobs: NewJob[];
  writes: Array<(tx: StoreSession) => Promise<void>>;
  shadow: Array<{ partner: string; operation: string; payload: unknown }>;
  failure: { error: unknown } | undefined;
}

export function hasEffects(e: BufferedEffects): boolean {
  return e.jobs.length > 0 || e.writes.length > 0 || e.shadow.length > 0;
}

export function createContext<P>(
  job: JobRecord,
  payload: P,
  deps: {
    store: Store;
    clock: Clock;
    shadow: boolean;
    signal: AbortSignal;
    /** Trace context for enqueued jobs (see JobInterceptor.childTrace); default the named one, else the job's own. */
    childTrace?: (parent: JobRecord, named?: string) => string | null | undefined;
  },
): { ctx: JobContext<P>; effects: BufferedEffects } {
  const traceOf = (named?: string): string | null =>
    (deps.childTrace ? deps.childTrace(job, named) : undefined) ?? named ?? job.trace;
  const inherit = (j: NewJob): NewJob => {
    const trace = traceOf(j.trace);
    return trace ? { ...j, trace } : j;
  };
  const effects: BufferedEffects = { jobs: [], writes: [], shadow: [], failure: undefined };
  const ctx: JobContext<P> = {
    job,
    payload,
    attempt: job.attempts,
    shadow: deps.shadow,
    signal: deps.signal,
    clock: deps.clock,
    store: deps.store,
    enqueue: (j) => void effects.jobs.push(inherit(j)),
    traceContext: () => traceOf(),
    write: (fn) => void effects.writes.push(fn),
    wouldWrite: (partner, operation, p) => void effects.shadow.push({ partner, operation, payload: p }),
    fail: (error) => {
      effects.failure = { error };
    },
  };
  return { ctx, effects };
}
