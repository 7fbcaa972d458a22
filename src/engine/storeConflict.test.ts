/**
 * A deadlock inside Ferry's own store is a lock conflict like a partner's: the job is retried,
 * not parked as `unclassified` (issue 16: five orders of the 1,000-order PostgreSQL scenario were
 * parked this way). The deadlock is real and certain: a second connection holds one row, the job's
 * completion takes the other and waits, then the second connection asks for the job's row; the
 * second connection's deadlock check is set to wait longer, so PostgreSQL aborts the job's side.
 */
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../core/clock.js';
import { openStore, type Store } from '../store/index.js';
import { createTestDatabase, pgServerUrl } from '../test-helpers/pg.js';
import { waitForLockWait } from '../test-helpers/locks.js';
import { waitFor } from '../test-helpers/stores.js';
import { EventBus, LaneRegistry, Queue, Worker, defineTask } from './index.js';
import { storeDb } from '../test-helpers/storeDb.js';

describe.skipIf(!pgServerUrl())('store lock conflicts [postgres]', () => {
  let url = '';
  let drop: (() => Promise<void>) | undefined;
  let store: Store;
  beforeAll(async () => {
    const db = await createTestDatabase();
    url = db.url;
    drop = db.drop;
    store = await openStore(url, { poolSize: 4 });
    await sql`create table stock (sku text primary key, reserved integer not null)`.execute(storeDb(store));
    await sql`insert into stock values ('A', 0), ('B', 0)`.execute(storeDb(store));
  });
  afterAll(async () => {
    await store?.close();
    await drop?.();
  });

  it('a job whose completion is chosen as a deadlock victim is retried and then completes', async () => {
    const lanes = new LaneRegistry([{ name: 'reserve', pollMs: 50, backoff: { baseMs: 10, capMs: 20 } }]);
    const task = defineTask({
      name: 'reserve',
      lane: 'reserve',
      handle: (ctx) => {
        ctx.write(async (tx) => {
          await sql`update stock set reserved = reserved + 1 where sku = 'B'`.execute(storeDb(tx));
          await sql`update stock set reserved = reserved + 1 where sku = 'A'`.execute(storeDb(tx));
        });
        return Promise.resolve();
      },
    });
    const events = new EventBus();
    const worker = new Worker({ store, lanes, tasks: [task], events });
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      await other.query('begin');
      await other.query(`set local deadlock_timeout = '60s'`);
      await other.query(`update stock set reserved = reserved + 10 where sku = 'A'`);
      const [job] = await new Queue(store, lanes, systemClock).enqueue({
        lane: 'reserve',
        task: 'reserve',
        payload: {},
      });
      worker.start();
      await waitForLockWait(storeDb(store), "the job's completion waiting for row A");
      await other.query(`update stock set reserved = reserved + 10 where sku = 'B'`);
      await other.query('commit');
      await waitFor(async () => {
        const s = (await store.jobs.getJob(job!.id))?.state;
        return s === 'completed' || s === 'excepted';
      }, 'the job settled');
      const done = await store.jobs.getJob(job!.id);
      expect(done!.errors.map((e) => [e.code, e.retryable])).toEqual([['store_conflict', true]]);
      expect(done!.errors[0]!.message).toContain('deadlock detected');
      expect(done).toMatchObject({ state: 'completed', attempts: 2 });
      expect(await store.exceptions.listExceptions({})).toEqual([]);
      const stock = await sql<{
        sku: string;
        reserved: number;
      }>`select sku, reserved from stock order by sku`.execute(storeDb(store));
      expect(stock.rows).toEqual([
        { sku: 'A', reserved: 11 },
        { sku: 'B', reserved: 11 },
      ]);
    } finally {
      await other.query('rollback').catch(() => undefined);
      await other.end();
      await worker.stop(2000);
    }
  });
});
