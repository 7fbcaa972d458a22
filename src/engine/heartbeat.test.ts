import { afterEach, expect, it } from 'vitest';
import { systemClock } from '../core/clock.js';
import type { Store } from '../store/index.js';
import { describeStores, waitFor } from '../test-helpers/stores.js';
import { EventBus, LaneRegistry, Queue, Worker, defineTask } from './index.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** Resolves when the signal aborts: a handler that works until it is told to stop. */
function untilAborted(signal: AbortSignal): Promise<string> {
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(String(signal.reason))));
}

describeStores('lease heartbeats', (fx) => {
  async function setup(store: Store) {
    const events = new EventBus();
    const stopped: string[] = [];
    const runs: number[] = [];
    const lanes = new LaneRegistry([{ name: 'hb', pollMs: 50, leaseMs: 600 }]);
    const task = defineTask({
      name: 'long',
      lane: 'hb',
      handle: async (ctx) => {
        runs.push(ctx.attempt);
        if (ctx.attempt === 1) stopped.push(await untilAborted(ctx.signal));
      },
    });
    const worker = new Worker({ store, lanes, tasks: [task], events, recoverEveryMs: 100 });
    const abandoned: string[] = [];
    const errors: string[] = [];
    events.on('leaseAbandoned', (e) => abandoned.push(e.reason));
    events.on('workerError', (e) => errors.push(e.where));
    const [job] = await new Queue(store, lanes, systemClock).enqueue({
      lane: 'hb',
      task: 'long',
      payload: {},
    });
    return { worker, job: job!, stopped, runs, abandoned, errors };
  }

  it('a heartbeat the store refuses until the lease would lapse stops the job and says so', async () => {
    const real = await fx().open();
    let failHeartbeats = true;
    const store = new Proxy(real, {
      get(target, prop, receiver) {
        if (prop === 'jobs')
          return {
            ...target.jobs,
            extendLeases: (...a: Parameters<Store['jobs']['extendLeases']>) =>
              failHeartbeats
                ? Promise.reject(new Error('connection terminated unexpectedly'))
                : target.jobs.extendLeases(...a),
          };
        const v = Reflect.get(target, prop, receiver) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    const t = await setup(store);
    cleanups.push(async () => {
      await t.worker.stop(2000);
      await real.close();
    });
    t.worker.start();
    await waitFor(() => t.abandoned.length > 0, 'the job abandoned');
    failHeartbeats = false;
    expect(t.abandoned).toEqual(['its lease could not be extended before it ends']);
    expect(t.errors[0]).toBe('heartbeat hb (tried again next tick)');
    await waitFor(() => t.stopped.length > 0, 'the handler told to stop');
    expect(t.stopped[0]).toContain('abandoned');
    // Recovery takes the lapsed lease back and the next attempt finishes the job.
    await waitFor(
      async () => (await real.jobs.getJob(t.job.id))?.state === 'completed',
      'job completed',
      15_000,
    );
    expect(t.runs).toEqual([1, 2]);
    expect((await real.jobs.getJob(t.job.id))!.errors.map((e) => e.code)).toEqual(['lease_expired']);
  });

  it('a lease recovered by another process is abandoned at the next heartbeat', async () => {
    const store = await fx().open();
    const t = await setup(store);
    cleanups.push(async () => {
      await t.worker.stop(2000);
      await store.close();
    });
    t.worker.start();
    await waitFor(() => t.runs.length > 0, 'the job started');
    // Another process whose clock runs a second ahead sees the lease as expired and takes the job back.
    expect(await store.jobs.recoverExpired(Date.now() + 1000)).toEqual({ requeued: 1, excepted: 0 });
    await waitFor(() => t.abandoned.length > 0, 'the job abandoned');
    expect(t.abandoned).toEqual(['its lease expired and was recovered by another process']);
    await waitFor(
      async () => (await store.jobs.getJob(t.job.id))?.state === 'completed',
      'job completed',
      15_000,
    );
    expect(t.runs).toEqual([1, 2]);
  });
});
