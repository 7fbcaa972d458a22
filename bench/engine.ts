/**
 * Engine throughput and latency, no-op handler, one JSON line per store:
 * {"bench":"engine","store":…,"jobs":N,"workers":N,"seconds":S,"jobsPerSec":R,"p50LatencyMs":X,"p99LatencyMs":Y,"rssMb":M}
 * Latency is enqueue to completion. PostgreSQL comes from FERRY_BENCH_PG (default the local
 * server) and is skipped with a message when unreachable.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { systemClock } from '../src/core/clock.js';
import { EventBus, LaneRegistry, Queue, Worker, defineTask } from '../src/engine/index.js';
import { openStore, type Store } from '../src/store/index.js';

const JOBS = Number(process.argv[2] ?? 20_000);
const PG_URL = process.env.FERRY_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function run(kind: 'sqlite' | 'postgres', stores: Store[]): Promise<void> {
  const lanes = new LaneRegistry([{ name: 'bench', concurrency: 200, pollMs: 200 }]);
  const events = new EventBus();
  const latencies: number[] = [];
  events.on('completed', (e) => latencies.push(e.latencyMs));
  const task = defineTask({ name: 'noop', lane: 'bench', handle: () => Promise.resolve() });
  const workers = stores.map((store) => new Worker({ store, lanes, tasks: [task], events }));
  const queue = new Queue(stores[0]!, lanes, systemClock);
  for (const w of workers) w.start();
  const t0 = performance.now();
  for (let i = 0; i < JOBS; i += 500) {
    await queue.enqueue(
      Array.from({ length: Math.min(500, JOBS - i) }, (_, j) => ({
        lane: 'bench',
        task: 'noop',
        payload: { n: i + j },
      })),
    );
  }
  while (latencies.length < JOBS) await new Promise((r) => setTimeout(r, 5));
  const seconds = (performance.now() - t0) / 1000;
  for (const w of workers) await w.stop();
  latencies.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      bench: 'engine',
      store: kind,
      jobs: JOBS,
      workers: workers.length,
      seconds: Number(seconds.toFixed(2)),
      jobsPerSec: Math.round(JOBS / seconds),
      p50LatencyMs: percentile(latencies, 50),
      p99LatencyMs: percentile(latencies, 99),
      rssMb: Math.round(process.memoryUsage().rss / 1048576),
    }),
  );
}

const dir = mkdtempSync(join(tmpdir(), 'ferry-bench-'));
try {
  const sqlite = await openStore(join(dir, 'bench.db'));
  await run('sqlite', [sqlite]);
  await sqlite.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
let reachable = true;
await admin.connect().catch((e: Error) => {
  reachable = false;
  console.error(
    `engine bench: PostgreSQL at ${PG_URL} unreachable (${e.message}); skipping the postgres run`,
  );
});
if (reachable) {
  const name = `ferry_bench_${process.pid}`;
  await admin.query(`create database ${name}`);
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  try {
    const stores = await Promise.all([1, 2, 3, 4].map(() => openStore(u.toString(), { poolSize: 4 })));
    await run('postgres', stores);
    for (const s of stores) await s.close();
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
