import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../core/clock.js';
import { openStore } from '../store/index.js';
import { createTestDatabase, pgServerUrl } from '../test-helpers/pg.js';
import { createTestTables, killed, runCli, spawnWorker } from '../test-helpers/processes.js';
import { waitFor } from '../test-helpers/stores.js';
import { LaneRegistry, Queue } from './index.js';
import { storeDb } from '../test-helpers/storeDb.js';

const children: ChildProcess[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) {
    c.kill('SIGKILL');
    await killed(c);
  }
});

describe.skipIf(!pgServerUrl())('PostgreSQL scale-out', () => {
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => drop?.());

  it('4 worker processes drain 20,000 jobs: each completes exactly once, and each ordering key runs in order', async () => {
    const db = await createTestDatabase();
    drop = db.drop;
    const store = await openStore(db.url);
    await createTestTables(store);
    const queue = new Queue(store, new LaneRegistry([{ name: 'proc' }]), systemClock);
    const jobs = [];
    for (let seq = 0; seq < 100; seq++)
      for (let k = 0; k < 200; k++)
        jobs.push({ lane: 'proc', task: 'record', payload: { key: `k${k}`, seq }, orderingKey: `k${k}` });
    // All four running before the work arrives: a worker that starts late on a loaded machine would
    // otherwise find the queue drained and the 'each process took part' check would say nothing.
    const workers = await Promise.all([1, 2, 3, 4].map(() => spawnWorker(db.url, { concurrency: 16 })));
    children.push(...workers);
    for (let i = 0; i < jobs.length; i += 2000) await queue.enqueue(jobs.slice(i, i + 2000));
    const count = async () =>
      Number(
        (await sql<{ n: number }>`select count(*) as n from test_done`.execute(storeDb(store))).rows[0]!.n,
      );
    await waitFor(async () => (await count()) >= 20_000, '20,000 jobs done', 240_000);
    expect(await count()).toBe(20_000);
    const states = await sql<{
      state: string;
      n: number;
    }>`select state, count(*) as n from jobs where lane = 'proc' group by state`.execute(storeDb(store));
    expect(states.rows.map((r) => [r.state, Number(r.n)])).toEqual([['completed', 20_000]]);
    // Completion order (test_done.n) within each key must follow enqueue order (seq).
    const outOfOrder = await sql<{ n: number }>`
      select count(*) as n from (
        select seq, lag(seq) over (partition by k order by n) as prev from test_done) t
      where prev is not null and seq <= prev`.execute(storeDb(store));
    expect(Number(outOfOrder.rows[0]!.n)).toBe(0);
    const pids = await sql<{ n: number }>`select count(distinct pid) as n from test_done`.execute(
      storeDb(store),
    );
    expect(Number(pids.rows[0]!.n)).toBe(4);
    await store.close();
  }, 300_000);
});

describe('embedded SQLite store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-lock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a second Ferry process on the same file, pointing to PostgreSQL', async () => {
    const file = join(dir, 'one.db');
    const first = await spawnWorker(file);
    children.push(first);
    const r = await runCli(['worker', '--db', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`another Ferry process (pid ${first.pid}`);
    expect(r.stderr).toContain('use PostgreSQL');
  }, 30_000);
});
