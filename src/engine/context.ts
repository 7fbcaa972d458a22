import type { Clock } from '../core/clock.js';
import { FerryError } from '../core/errors.js';
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
  deps: { store: Store; clock: Clock; shadow: boolean; signal: AbortSignal },
): { ctx: JobContext<P>; effects: BufferedEffects } {
  const effects: BufferedEffects = { jobs: [], writes: [], shadow: [], failure: undefined };
  const ctx: JobContext<P> = {
    job,
    payload,
    attempt: job.attempts,
    shadow: deps.shadow,
    signal: deps.signal,
    clock: deps.clock,
    store: deps.store,
    enqueue: (j) => void effects.jobs.push(j),
    write: (fn) => void effects.writes.push(fn),
    wouldWrite: (partner, operation, p) => {
      if (!deps.shadow) throw new FerryError('bad_request', 'wouldWrite is for shadow mode only');
      effects.shadow.push({ partner, operation, payload: p });
    },
    fail: (error) => {
      effects.failure = { error };
    },
  };
  return { ctx, effects };
}
