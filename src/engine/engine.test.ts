import { afterEach, expect, it } from 'vitest';
import { z } from 'zod';
import { systemClock } from '../core/clock.js';
import { FerryError } from '../core/errors.js';
import type { Store } from '../store/index.js';
import { describeStores, waitFor } from '../test-helpers/stores.js';
import {
  EventBus,
  LaneRegistry,
  Queue,
  Worker,
  defineTask,
  type TaskDefinition,
  type LaneInput,
} from './index.js';
import { storeDb } from '../test-helpers/storeDb.js';

let seq = 0;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describeStores('engine', (fx) => {
  async function setup(laneOpts: Partial<LaneInput>, tasks: (lane: string) => TaskDefinition<any>[]) {
    const store: Store = await fx().open();
    const lane = `lane${++seq}`;
    const lanes = new LaneRegistry([
      { name: lane, pollMs: 50, backoff: { baseMs: 10, capMs: 50 }, ...laneOpts },
    ]);
    const events = new EventBus();
    const worker = new Worker({ store, lanes, tasks: tasks(lane), events, recoverEveryMs: 100 });
    const queue = new Queue(store, lanes, systemClock);
    cleanups.push(async () => {
      await worker.stop(2000);
      await store.close();
    });
    return { store, lane, lanes, events, worker, queue };
  }

  async function jobStates(store: Store, lane: string) {
    return storeDb(store)
      .selectFrom('jobs')
      .select(['id', 'task', 'state', 'attempts'])
      .where('lane', '=', lane)
      .orderBy('id')
      .execute();
  }

  it('runs an enqueued job once, and an idempotency key enqueued twice yields one job', async () => {
    const runs: string[] = [];
    const { store, lane, queue, worker } = await setup({}, (lane) => [
      defineTask({
        name: 'echo',
        lane,
        handle: async (ctx) => void runs.push((ctx.payload as { v: string }).v),
      }),
    ]);
    const [a] = await queue.enqueue({ lane, task: 'echo', payload: { v: 'x' }, idempotencyKey: `k-${lane}` });
    const [b] = await queue.enqueue({ lane, task: 'echo', payload: { v: 'y' }, idempotencyKey: `k-${lane}` });
    expect(a!.created).toBe(true);
    expect(b).toEqual({ id: a!.id, created: false });
    worker.start();
    await waitFor(async () => (await store.jobs.getJob(a!.id))?.state === 'completed', 'job completed');
    expect(runs).toEqual(['x']);
    expect(await jobStates(store, lane)).toHaveLength(1);
  });

  it('retries retryable failures with backoff, then parks them with their attempt history', async () => {
    const { store, lane, queue, worker, events } = await setup({ maxAttempts: 3 }, (lane) => [
      defineTask({
        name: 'flaky',
        lane,
        handle: () =>
          Promise.reject(new FerryError('partner_unavailable', 'Odoo answered 503', { partner: 'odoo' })),
      }),
    ]);
    const retried: number[] = [];
    events.on('retried', (e) => retried.push(e.job.attempts));
    const [j] = await queue.enqueue({ lane, task: 'flaky', payload: {} });
    worker.start();
    await waitFor(async () => (await store.jobs.getJob(j!.id))?.state === 'excepted', 'job excepted');
    expect(retried).toEqual([1, 2]);
    const [exc] = await store.exceptions.listExceptions({ lane });
    expect(exc).toMatchObject({ code: 'partner_unavailable', partner: 'odoo', status: 'open', jobId: j!.id });
    expect(exc!.message).toContain('gave up after 3 attempts');
    expect(exc!.history.map((h) => h.attempt)).toEqual([1, 2, 3]);
  });

  it('sends non-retryable failures to the exception queue at once, with impact and entities', async () => {
    const { store, lane, queue, worker } = await setup({}, (lane) => [
      defineTask({
        name: 'map',
        lane,
        handle: () =>
          Promise.reject(
            new FerryError('mapping_missing', 'SKU "X-1" has no Odoo product', {
              impact: 'blocks-shipment',
              entities: { sku: 'X-1' },
            }),
          ),
      }),
      defineTask({
        name: 'bug',
        lane,
        impact: 'finance',
        handle: () => Promise.reject(new TypeError('cannot read x of undefined')),
      }),
    ]);
    const [a] = await queue.enqueue({ lane, task: 'map', payload: { order: 1 } });
    const [b] = await queue.enqueue({ lane, task: 'bug', payload: {} });
    worker.start();
    await waitFor(
      async () => (await store.exceptions.listExceptions({ lane })).length === 2,
      'two exceptions',
    );
    const byJob = new Map((await store.exceptions.listExceptions({ lane })).map((e) => [e.jobId, e]));
    expect(byJob.get(a!.id)).toMatchObject({
      code: 'mapping_missing',
      impact: 'blocks-shipment',
      entities: { sku: 'X-1' },
      payload: { order: 1 },
    });
    expect(byJob.get(a!.id)!.history).toHaveLength(1);
    expect(byJob.get(b!.id)).toMatchObject({
      code: 'unclassified',
      impact: 'finance',
      message: 'cannot read x of undefined',
    });
  });

  it('honours a partner retry-after and defers without using an attempt', async () => {
    let calls = 0;
    const { store, lane, queue, worker } = await setup({ maxAttempts: 2 }, (lane) => [
      defineTask({
        name: 'limited',
        lane,
        handle: () => {
          calls++;
          if (calls === 1)
            return Promise.reject(new FerryError('partner_rate_limited', '429', { retryAfterMs: 400 }));
          if (calls <= 4)
            return Promise.reject(new FerryError('breaker_open', 'open', { defer: true, retryAfterMs: 20 }));
          return Promise.resolve();
        },
      }),
    ]);
    const [j] = await queue.enqueue({ lane, task: 'limited', payload: {} });
    const t0 = Date.now();
    worker.start();
    await waitFor(
      async () => (await store.jobs.getJob(j!.id))?.state === 'running' || calls > 1,
      'first failure',
    );
    await waitFor(
      async () => (await store.jobs.getJob(j!.id))?.state === 'completed',
      'completed after waits',
    );
    expect(Date.now() - t0).toBeGreaterThanOrEqual(400);
    const job = await store.jobs.getJob(j!.id);
    // three deferrals did not count: two real attempts only, within maxAttempts 2
    expect(job!.attempts).toBe(2);
    expect(calls).toBe(5);
  });

  it("commits a handler's writes and enqueued jobs with its completion, and none of them when it throws", async () => {
    const { store, lane, queue, worker } = await setup({}, (lane) => [
      defineTask({
        name: 'good',
        lane,
        handle: async (ctx) => {
          ctx.write(async (tx) =>
            tx.audit.appendAudit({
              at: 1,
              actor: 'test',
              action: 'good',
              targetKind: 'lane',
              targetId: lane,
            }),
          );
          ctx.enqueue({ lane, task: 'next', payload: {} });
        },
      }),
      defineTask({
        name: 'bad',
        lane,
        handle: async (ctx) => {
          ctx.write(async (tx) =>
            tx.audit.appendAudit({ at: 1, actor: 'test', action: 'bad', targetKind: 'lane', targetId: lane }),
          );
          ctx.enqueue({ lane, task: 'next', payload: { from: 'bad' } });
          throw new FerryError('rule_failed', 'refused after enqueueing');
        },
      }),
      defineTask({ name: 'next', lane, handle: async () => undefined }),
    ]);
    await queue.enqueue([
      { lane, task: 'good', payload: {} },
      { lane, task: 'bad', payload: {} },
    ]);
    worker.start();
    await waitFor(
      async () =>
        (await jobStates(store, lane)).every((j) => j.state === 'completed' || j.state === 'excepted') &&
        (await jobStates(store, lane)).length >= 3,
      'settled',
    );
    const states = await jobStates(store, lane);
    expect(states.map((s) => [s.task, s.state])).toEqual([
      ['good', 'completed'],
      ['bad', 'excepted'],
      ['next', 'completed'],
    ]);
    const audits = await storeDb(store)
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', lane)
      .execute();
    expect(audits.map((a) => a.action)).toEqual(['good']);
  });

  it('parks a malformed payload as payload_invalid naming the field, and refuses unknown lanes', async () => {
    const { store, lane, queue, worker } = await setup({}, (lane) => [
      defineTask({
        name: 'typed',
        lane,
        payload: z.object({ orderId: z.string() }),
        handle: async () => undefined,
      }),
    ]);
    await expect(queue.enqueue({ lane: 'nope', task: 'typed', payload: {} })).rejects.toThrow(
      /unknown lane "nope"/,
    );
    const [j] = await queue.enqueue({ lane, task: 'typed', payload: { orderId: 42 } });
    worker.start();
    await waitFor(async () => (await store.jobs.getJob(j!.id))?.state === 'excepted', 'excepted');
    const [exc] = await store.exceptions.listExceptions({ lane });
    expect(exc!.code).toBe('payload_invalid');
    expect(exc!.message).toMatch(/orderId: .*expected string/i);
  });

  it('runs jobs sharing an ordering key one at a time, in enqueue order', async () => {
    const log: string[] = [];
    let active = 0;
    let maxActive = 0;
    const { store, lane, queue, worker } = await setup({ concurrency: 8 }, (lane) => [
      defineTask({
        name: 'step',
        lane,
        handle: async (ctx) => {
          const { key, n } = ctx.payload as { key: string; n: number };
          if (key === 'A') {
            active++;
            maxActive = Math.max(maxActive, active);
          }
          await new Promise((r) => setTimeout(r, 5));
          log.push(`${key}${n}`);
          if (key === 'A') active--;
        },
      }),
    ]);
    const jobs = [];
    for (let n = 0; n < 10; n++) {
      jobs.push({ lane, task: 'step', payload: { key: 'A', n }, orderingKey: 'order:A' });
      jobs.push({ lane, task: 'step', payload: { key: 'B', n }, orderingKey: 'order:B' });
    }
    await queue.enqueue(jobs);
    worker.start();
    await waitFor(
      async () => (await jobStates(store, lane)).every((j) => j.state === 'completed'),
      'all done',
    );
    expect(log.filter((l) => l.startsWith('A'))).toEqual([...Array(10).keys()].map((n) => `A${n}`));
    expect(log.filter((l) => l.startsWith('B'))).toEqual([...Array(10).keys()].map((n) => `B${n}`));
    expect(maxActive).toBe(1);
  });

  it("gives a batch handler several jobs and records each job's outcome separately", async () => {
    const sizes: number[] = [];
    const { store, lane, queue, worker } = await setup({ batchSize: 5, concurrency: 1 }, (lane) => [
      defineTask({
        name: 'bulk',
        lane,
        handleBatch: async (ctxs) => {
          sizes.push(ctxs.length);
          for (const c of ctxs)
            if ((c.payload as { n: number }).n === 3)
              c.fail(new FerryError('partner_validation', 'order 3 refused by Odoo'));
        },
      }),
    ]);
    const ids = await queue.enqueue(
      [...Array(5).keys()].map((n) => ({ lane, task: 'bulk', payload: { n } })),
    );
    worker.start();
    await waitFor(
      async () => (await jobStates(store, lane)).every((j) => j.state !== 'ready' && j.state !== 'running'),
      'settled',
    );
    expect(sizes).toEqual([5]);
    const states = await jobStates(store, lane);
    expect(states.map((s) => s.state)).toEqual([
      'completed',
      'completed',
      'completed',
      'excepted',
      'completed',
    ]);
    const [exc] = await store.exceptions.listExceptions({ lane });
    expect(exc).toMatchObject({ jobId: ids[3]!.id, code: 'partner_validation' });
  });

  it('takes back the job of a worker that stopped mid-job once its lease expires, and completes it once', async () => {
    const done: number[] = [];
    const { store, lane, queue, worker } = await setup({ leaseMs: 300 }, (lane) => [
      defineTask({
        name: 'once',
        lane,
        write: undefined,
        handle: async (ctx) => void done.push(ctx.job.id),
      } as TaskDefinition<unknown>),
    ]);
    const [j] = await queue.enqueue({ lane, task: 'once', payload: {} });
    // A worker that leased the job and died: nobody extends or completes this lease.
    const dead = await store.jobs.lease({ lane, limit: 1, leaseMs: 300, workerId: 'dead', now: Date.now() });
    expect(dead.map((d) => d.id)).toEqual([j!.id]);
    worker.start();
    await waitFor(
      async () => (await store.jobs.getJob(j!.id))?.state === 'completed',
      'completed by the live worker',
    );
    expect(done).toEqual([j!.id]);
    // the dead worker's late completion is refused: its lease is gone
    expect(await store.jobs.complete([{ id: j!.id, token: dead[0]!.leaseToken! }], Date.now())).toEqual([]);
    const job = await store.jobs.getJob(j!.id);
    expect(job!.errors.map((e) => e.code)).toEqual(['lease_expired']);
  });

  it('in shadow mode records what would be written and writes nothing', async () => {
    const { store, lane, queue, worker } = await setup({ shadow: true }, (lane) => [
      defineTask({
        name: 'push',
        lane,
        handle: async (ctx) => {
          if (ctx.shadow) ctx.wouldWrite('odoo', 'sale.order.create', { ref: 'R1' });
          else throw new Error('must not write in shadow mode');
        },
      }),
    ]);
    const [j] = await queue.enqueue({ lane, task: 'push', payload: {} });
    worker.start();
    await waitFor(async () => (await store.jobs.getJob(j!.id))?.state === 'completed', 'completed');
    const rows = await storeDb(store)
      .selectFrom('shadow_writes')
      .selectAll()
      .where('lane', '=', lane)
      .execute();
    expect(rows.map((r) => [r.partner, r.operation, JSON.parse(r.payload)])).toEqual([
      ['odoo', 'sale.order.create', { ref: 'R1' }],
    ]);
  });

  it('on stop, finishes in-flight jobs within the deadline and leases nothing more', async () => {
    let started = 0;
    const { store, lane, queue, worker } = await setup({ concurrency: 1 }, (lane) => [
      defineTask({
        name: 'slow',
        lane,
        handle: async () => void (started++, await new Promise((r) => setTimeout(r, 100))),
      }),
    ]);
    await queue.enqueue([1, 2, 3].map((n) => ({ lane, task: 'slow', payload: { n } })));
    worker.start();
    await waitFor(() => started === 1, 'first started');
    await worker.stop(5000);
    const states = (await jobStates(store, lane)).map((s) => s.state);
    expect(states).toEqual(['completed', 'ready', 'ready']);
  });

  it('past the stop deadline, puts a still-running job back at once without using its attempt', async () => {
    let started = false;
    const { store, lane, queue, worker } = await setup({ concurrency: 1 }, (lane) => [
      defineTask({
        name: 'stuck',
        lane,
        handle: async () => void ((started = true), await new Promise((r) => setTimeout(r, 3000))),
      }),
    ]);
    const [j] = await queue.enqueue({ lane, task: 'stuck', payload: {} });
    worker.start();
    await waitFor(() => started, 'job started');
    await worker.stop(100);
    const job = await store.jobs.getJob(j!.id);
    expect(job).toMatchObject({ state: 'ready', attempts: 0, lockedBy: null });
  });
});
