/**
 * Soak of the scale-out store: N Ferry worker processes share one PostgreSQL database while a
 * producer enqueues jobs with ordering keys (one key stands for one order), and processes are
 * killed with SIGKILL at random moments and restarted. Some jobs outlast their lease (heartbeats
 * keep them), some workers die holding leases (recovery takes them back). At the end the queue is
 * drained and one JSON line says what held:
 *
 * {"bench":"soak","store":"postgres","processes":N,"seconds":S,"kills":K,"jobsEnqueued":E,
 *  "jobsCompleted":C,"jobsRunTwice":0,"leaseLost":0,"deadlocks":0,"orderingViolations":0,...}
 *
 * jobsRunTwice: jobs whose completion (with its writes) committed more than once. leaseLost: a
 * worker's completion refused because its lease had gone. deadlocks: PostgreSQL's own count for the
 * database plus store errors with SQLSTATE 40P01. orderingViolations: completions of one key out of
 * enqueue order plus moments two live processes ran jobs of one key at once. All must be 0.
 *
 * Options: --seconds S (default 180), --processes N (default 3), --lease-ms L (default 4000),
 * --rate R jobs/s (default 80), --keys K (default 200). PostgreSQL from FERRY_BENCH_PG.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { systemClock } from '../src/core/clock.js';
import { LaneRegistry, Queue } from '../src/engine/index.js';
import { openStore, type NewJob, type Store } from '../src/store/index.js';
import { storeDb } from '../src/test-helpers/storeDb.js';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = join(here, '..');
const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '180' },
    processes: { type: 'string', default: '3' },
    'lease-ms': { type: 'string', default: '4000' },
    rate: { type: 'string', default: '80' },
    keys: { type: 'string', default: '200' },
  },
});
const SECONDS = Number(args.seconds);
const PROCESSES = Number(args.processes);
const LEASE_MS = Number(args['lease-ms']);
const RATE = Number(args.rate);
const KEYS = Number(args.keys);
const DRAIN_LIMIT_MS = 180_000;
const PG_URL = process.env.FERRY_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Counts {
  kills: number;
  restarts: number;
  leaseLost: number;
  leaseAbandoned: number;
  excepted: number;
  storeDeadlocks: number;
  storeSerialization: number;
  workerErrors: number;
}
const counts: Counts = {
  kills: 0,
  restarts: 0,
  leaseLost: 0,
  leaseAbandoned: 0,
  excepted: 0,
  storeDeadlocks: 0,
  storeSerialization: 0,
  workerErrors: 0,
};
const errorSamples = new Set<string>();

function onEvent(line: string): void {
  let e: { event?: string; code?: string | null; message?: string; where?: string };
  try {
    e = JSON.parse(line) as typeof e;
  } catch {
    return;
  }
  if (e.event === 'leaseLost') counts.leaseLost++;
  else if (e.event === 'leaseAbandoned') counts.leaseAbandoned++;
  else if (e.event === 'excepted') counts.excepted++;
  else if (e.event === 'workerError') {
    counts.workerErrors++;
    if (e.code === '40P01') counts.storeDeadlocks++;
    if (e.code === '40001') counts.storeSerialization++;
    if (errorSamples.size < 5)
      errorSamples.add(`${e.where}: ${e.code ?? ''} ${e.message ?? ''}`.slice(0, 200));
  }
}

function startWorker(url: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(here, 'lib', 'soakWorker.ts'), url, String(LEASE_MS)],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let buf = '';
    let err = '';
    let ready = false;
    child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (!ready && line.includes('"ready"')) {
          ready = true;
          resolve(child);
        } else onEvent(line);
      }
    });
    child.on('exit', (code, signal) => {
      if (!ready) reject(new Error(`soak worker exited (${code ?? signal}) before it was ready: ${err}`));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
  });
}

async function createDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `ferry_soak_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

async function createTables(store: Store): Promise<void> {
  for (const ddl of [
    `create table soak_done (n bigint generated always as identity primary key, job_id bigint not null,
       k text not null, seq integer not null, pid integer not null)`,
    `create table soak_active (k text primary key, job_id bigint not null, pid integer not null)`,
    `create table soak_overlap (k text not null, job_id bigint not null, other_job_id bigint not null,
       pid integer not null, other_pid integer not null)`,
  ])
    await sql.raw(ddl).execute(storeDb(store));
}

/** A job's work: mostly short, sometimes longer than its lease, so heartbeats must keep it. */
function workMs(): number {
  const r = Math.random();
  if (r < 0.01) return Math.round(LEASE_MS * (1.2 + Math.random()));
  if (r < 0.1) return 100 + Math.floor(Math.random() * 900);
  return Math.floor(Math.random() * 30);
}

async function produce(queue: Queue, until: number, seqOf: number[]): Promise<number> {
  let enqueued = 0;
  const tickMs = 200;
  while (Date.now() < until) {
    const batch: NewJob[] = [];
    for (let i = 0; i < Math.max(1, Math.round((RATE * tickMs) / 1000)); i++) {
      const k = Math.floor(Math.random() * KEYS);
      const seq = seqOf[k]!++;
      batch.push({
        lane: 'soak',
        task: 'soak.step',
        payload: { key: `order:${k}`, seq, workMs: workMs() },
        orderingKey: `order:${k}`,
      });
    }
    await queue.enqueue(batch);
    enqueued += batch.length;
    await new Promise((r) => setTimeout(r, tickMs));
  }
  return enqueued;
}

/** Kills a random worker with SIGKILL every 2–8 s and starts a replacement. */
async function chaos(url: string, workers: ChildProcess[], until: number): Promise<void> {
  while (Date.now() < until) {
    await new Promise((r) => setTimeout(r, 2000 + Math.random() * 6000));
    if (Date.now() >= until) break;
    const i = Math.floor(Math.random() * workers.length);
    const victim = workers[i]!;
    victim.kill('SIGKILL');
    await exited(victim);
    counts.kills++;
    workers[i] = await startWorker(url);
    counts.restarts++;
  }
}

async function count(store: Store, query: string): Promise<number> {
  const r = await sql<{ n: string }>`${sql.raw(query)}`.execute(storeDb(store));
  return Number(r.rows[0]?.n ?? 0);
}

async function main(): Promise<void> {
  const db = await createDatabase();
  const store = await openStore(db.url, { poolSize: 2 });
  const workers: ChildProcess[] = [];
  try {
    await createTables(store);
    const queue = new Queue(store, new LaneRegistry([{ name: 'soak' }]), systemClock);
    for (let i = 0; i < PROCESSES; i++) workers.push(await startWorker(db.url));
    const t0 = Date.now();
    const until = t0 + SECONDS * 1000;
    const seqOf = Array.from({ length: KEYS }, () => 0);
    const [enqueued] = await Promise.all([produce(queue, until, seqOf), chaos(db.url, workers, until)]);
    const drainUntil = Date.now() + DRAIN_LIMIT_MS;
    const open = `select count(*) as n from jobs where lane = 'soak' and state in ('ready', 'running')`;
    while ((await count(store, open)) > 0 && Date.now() < drainUntil)
      await new Promise((r) => setTimeout(r, 500));
    const seconds = (Date.now() - t0) / 1000;
    for (const w of workers) w.kill('SIGTERM');
    await Promise.all(workers.map(exited));
    const report = {
      bench: 'soak',
      store: 'postgres',
      processes: PROCESSES,
      leaseMs: LEASE_MS,
      seconds: Number(seconds.toFixed(1)),
      kills: counts.kills,
      jobsEnqueued: enqueued,
      jobsCompleted: await count(
        store,
        `select count(*) as n from jobs where lane = 'soak' and state = 'completed'`,
      ),
      jobsNotFinished: await count(store, open),
      jobsExcepted: await count(
        store,
        `select count(*) as n from jobs where lane = 'soak' and state = 'excepted'`,
      ),
      jobsRunTwice: await count(
        store,
        `select count(*) as n from (select job_id from soak_done group by job_id having count(*) > 1) t`,
      ),
      jobsRecoveredAfterKill: await count(
        store,
        `select count(*) as n from jobs where lane = 'soak' and errors like '%lease_expired%'`,
      ),
      leaseLost: counts.leaseLost,
      leaseAbandoned: counts.leaseAbandoned,
      deadlocks:
        (await count(
          store,
          `select deadlocks as n from pg_stat_database where datname = current_database()`,
        )) + counts.storeDeadlocks,
      serializationFailures: counts.storeSerialization,
      orderingViolations:
        (await count(
          store,
          `select count(*) as n from (select seq, lag(seq) over (partition by k order by n) as prev
           from soak_done) t where prev is not null and seq <= prev`,
        )) + (await count(store, `select count(*) as n from soak_overlap`)),
      workerErrors: counts.workerErrors,
      ...(errorSamples.size ? { workerErrorSamples: [...errorSamples] } : {}),
    };
    console.log(JSON.stringify(report));
  } finally {
    for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
    await Promise.all(workers.map(exited));
    await store.close();
    await db.drop();
  }
}

await main();
