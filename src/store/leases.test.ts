/**
 * Races between leases, heartbeats and recovery on PostgreSQL, made certain instead of likely:
 * recovery is held at a barrier between its scan and its update while another process acts, and
 * lock waits are observed in pg_stat_activity, never guessed with sleeps.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../test-helpers/stores.js';
import { createTestDatabase, pgServerUrl } from '../test-helpers/pg.js';
import { waitForLockWait } from '../test-helpers/locks.js';
import { openStore, type JobRecord, type PreparedJob, type Store } from './index.js';
import { storeDb } from '../test-helpers/storeDb.js';

const LEASE_MS = 1000;

function job(seq: number, orderingKey?: string): PreparedJob {
  return {
    lane: 'orders',
    task: 'order.step',
    payloadJson: JSON.stringify({ seq }),
    priority: 0,
    runAt: 0,
    maxAttempts: 5,
    ...(orderingKey ? { orderingKey } : {}),
  };
}

function lease(store: Store, workerId: string, now: number, limit = 10): Promise<JobRecord[]> {
  return store.jobs.lease({ lane: 'orders', limit, leaseMs: LEASE_MS, workerId, now });
}

function extend(store: Store, jobs: JobRecord[], now: number): Promise<number[]> {
  return store.jobs.extendLeases(
    jobs.map((j) => ({ id: j.id, token: j.leaseToken! })),
    now + LEASE_MS,
    now,
  );
}

/** A promise the test resolves by hand, to hold one side of a race at a chosen point. */
function barrier(): { reached: Promise<void>; wait: () => Promise<void>; release: () => void } {
  let reach!: () => void;
  let release!: () => void;
  const reached = new Promise<void>((r) => (reach = r));
  const released = new Promise<void>((r) => (release = r));
  return {
    reached,
    wait: () => {
      reach();
      return released;
    },
    release,
  };
}

describe.skipIf(!pgServerUrl())('leases under races [postgres]', () => {
  let url = '';
  let drop: (() => Promise<void>) | undefined;
  let store: Store;
  const clock = new ManualClock();

  beforeAll(async () => {
    const db = await createTestDatabase();
    url = db.url;
    drop = db.drop;
    store = await openStore(url, { clock, poolSize: 6 });
  });
  afterAll(async () => {
    await store?.close();
    await drop?.();
  });

  async function fresh(jobs: PreparedJob[]): Promise<number[]> {
    await storeDb(store).deleteFrom('jobs').execute();
    await storeDb(store).deleteFrom('exceptions').execute();
    return (await store.jobs.enqueue(jobs, clock.now())).map((r) => r.id);
  }

  it('recovery does not requeue a job whose lease was extended after recovery read it', async () => {
    const [first] = await fresh([job(1, 'order:1'), job(2, 'order:1')]);
    const t0 = clock.now();
    const leasedByA = await lease(store, 'A', t0);
    expect(leasedByA.map((j) => j.id)).toEqual([first]);
    // A stalls past its lease (a long GC pause) and its heartbeat lands just after recovery read
    // the job as expired, before recovery's update.
    const late = t0 + LEASE_MS + 500;
    const b = barrier();
    const recovery = store.jobs.recoverExpired(late, { afterScan: b.wait });
    await b.reached;
    expect(await extend(store, leasedByA, late)).toEqual([first]);
    b.release();
    expect(await recovery).toEqual({ requeued: 0, excepted: 0 });
    // A still owns the job: no other worker gets it or the order's next job while A runs.
    expect(await lease(store, 'B', late + 1)).toEqual([]);
    expect(await store.jobs.complete([{ id: first!, token: leasedByA[0]!.leaseToken! }], late + 2)).toEqual([
      first,
    ]);
    const done = await store.jobs.getJob(first!);
    expect(done).toMatchObject({ state: 'completed', attempts: 1, errors: [] });
  });

  it('recovery does not take back a job another process recovered and another worker leased again', async () => {
    const [first] = await fresh([job(1, 'order:2'), job(2, 'order:2')]);
    const t0 = clock.now();
    await lease(store, 'A', t0); // A dies holding the job
    const later = t0 + LEASE_MS + 1;
    const b = barrier();
    const slowRecovery = store.jobs.recoverExpired(later, { afterScan: b.wait });
    await b.reached;
    // Meanwhile a second process recovers the job and its worker B leases it again.
    expect(await store.jobs.recoverExpired(later)).toEqual({ requeued: 1, excepted: 0 });
    const leasedByB = await lease(store, 'B', later);
    expect(leasedByB.map((j) => j.id)).toEqual([first]);
    b.release();
    expect(await slowRecovery).toEqual({ requeued: 0, excepted: 0 });
    // B keeps its lease: a third worker gets neither the job nor the order's next one.
    expect(await lease(store, 'C', later + 1)).toEqual([]);
    const running = await store.jobs.getJob(first!);
    expect(running).toMatchObject({ state: 'running', lockedBy: 'B', leaseToken: leasedByB[0]!.leaseToken });
    // One lease expired, one attempt counted for it: the history says so once.
    expect(running!.attempts).toBe(2);
    expect(running!.errors.map((e) => e.code)).toEqual(['lease_expired']);
    expect(await store.jobs.complete([{ id: first!, token: leasedByB[0]!.leaseToken! }], later + 2)).toEqual([
      first,
    ]);
  });

  it('a heartbeat waiting behind a lock held in id order does not deadlock', async () => {
    const ids = await fresh([job(1), job(2)]);
    const t0 = clock.now();
    const leased = await lease(store, 'A', t0);
    expect(leased.map((j) => j.id)).toEqual(ids);
    // Job 1's row version now lies after job 2's and its lease ends later, so a scan by table
    // order or by the running-lease index meets job 2 first.
    await storeDb(store)
      .updateTable('jobs')
      .set({ lease_until: t0 + LEASE_MS + 5 })
      .where('id', '=', ids[0]!)
      .execute();
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      // The other transaction (a completion or recovery, which lock in id order) holds job 1. Its
      // deadlock check waits longer than the heartbeat's, so if the two deadlock the heartbeat is
      // the one PostgreSQL aborts.
      await other.query('begin');
      await other.query(`set local deadlock_timeout = '60s'`);
      await other.query('select id from jobs where id = $1 for update', [ids[0]]);
      const heartbeat = extend(store, leased, t0 + 10).then(
        (r) => ({ ok: true as const, r }),
        (e: unknown) => ({ ok: false as const, e }),
      );
      await waitForLockWait(storeDb(store), 'the heartbeat waiting for job 1');
      await other.query('select id from jobs where id = $1 for update', [ids[1]]);
      await other.query('commit');
      const outcome = await heartbeat;
      expect(outcome.ok ? outcome.r.sort((a, b) => a - b) : String(outcome.e)).toEqual(ids);
    } finally {
      await other.query('rollback').catch(() => undefined);
      await other.end();
    }
  });
});
