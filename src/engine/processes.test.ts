import type { ChildProcess } from 'node:child_process';
import { afterEach, expect, it } from 'vitest';
import { sql } from 'kysely';
import { systemClock } from '../core/clock.js';
import { describeStores, waitFor } from '../test-helpers/stores.js';
import { createTestTables, killed, spawnWorker } from '../test-helpers/processes.js';
import { LaneRegistry, Queue } from './index.js';
import { storeDb } from '../test-helpers/storeDb.js';

const children: ChildProcess[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) {
    c.kill('SIGKILL');
    await killed(c);
  }
});

describeStores('worker processes', (fx) => {
  it('kill -9 of a worker mid-job: the job is leased again after the lease expires and completes once', async () => {
    const store = await fx().open();
    await createTestTables(store);
    const queue = new Queue(store, new LaneRegistry([{ name: 'proc' }]), systemClock);
    const [job] = await queue.enqueue({
      lane: 'proc',
      task: 'record',
      payload: { key: 'kill', seq: 1, sleepMs: 2500 },
    });
    const first = await spawnWorker(fx().location, { leaseMs: 1500 });
    children.push(first);
    await waitFor(
      async () =>
        (
          await sql<{ n: number }>`select count(*) as n from test_started where job_id = ${job!.id}`.execute(
            storeDb(store),
          )
        ).rows[0]!.n > 0,
      'job started in the first worker',
    );
    first.kill('SIGKILL');
    await killed(first);
    const second = await spawnWorker(fx().location, { leaseMs: 1500 });
    children.push(second);
    await waitFor(
      async () => (await store.jobs.getJob(job!.id))?.state === 'completed',
      'job completed by the second worker',
      20_000,
    );
    const done = await sql<{ pid: number }>`select pid from test_done where job_id = ${job!.id}`.execute(
      storeDb(store),
    );
    expect(done.rows.map((r) => Number(r.pid))).toEqual([second.pid]);
    const final = await store.jobs.getJob(job!.id);
    expect(final!.attempts).toBe(2);
    expect(final!.errors.map((e) => e.code)).toEqual(['lease_expired']);
    await store.close();
  }, 60_000);
});
