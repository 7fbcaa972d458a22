/**
 * One Ferry worker process of the soak benchmark (bench/soak.ts), started through the same
 * startFerry path as `ferry worker`. Its task marks the job's ordering key as running in
 * `soak_active` for as long as the handler runs (a second live holder of the key is recorded in
 * `soak_overlap`), and records the completion in `soak_done` inside the job's completion
 * transaction. Engine events that count are written to stdout as JSON lines, at once, because the
 * process may be killed at any moment.
 *
 * Usage: node --import tsx bench/lib/soakWorker.ts <postgres-url> <leaseMs>
 */
import { sql } from 'kysely';
import { z } from 'zod';
import { startFerry } from '../../src/app/index.js';
import { defineTask, EventBus } from '../../src/engine/index.js';
import { validateConfig } from '../../src/ops/config/index.js';
import { createLogger } from '../../src/ops/logging/index.js';
import { storeDb } from '../../src/test-helpers/storeDb.js';

const [db, leaseMs = '5000'] = process.argv.slice(2);
if (!db) throw new Error('usage: soakWorker.ts <postgres-url> <leaseMs>');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const step = defineTask({
  name: 'soak.step',
  lane: 'soak',
  payload: z.object({ key: z.string(), seq: z.number().int(), workMs: z.number().int() }),
  handle: async (ctx) => {
    const { key, seq, workMs } = ctx.payload;
    const s = storeDb(ctx.store);
    const mine = { k: key, job_id: ctx.job.id, pid: process.pid };
    const claimed = await sql<{ k: string }>`
      insert into soak_active (k, job_id, pid) values (${key}, ${ctx.job.id}, ${process.pid})
      on conflict (k) do nothing returning k`.execute(s);
    if (claimed.rows.length === 0) {
      const holder = (
        await sql<{
          job_id: number;
          pid: number;
        }>`select job_id, pid from soak_active where k = ${key}`.execute(s)
      ).rows[0];
      // A holder whose process was killed left its row behind; a live one is running this key now.
      if (holder && alive(Number(holder.pid)) && Number(holder.pid) !== process.pid) {
        await sql`insert into soak_overlap (k, job_id, other_job_id, pid, other_pid)
          values (${key}, ${ctx.job.id}, ${holder.job_id}, ${process.pid}, ${holder.pid})`.execute(s);
      }
      await sql`insert into soak_active (k, job_id, pid) values (${key}, ${ctx.job.id}, ${process.pid})
        on conflict (k) do update set job_id = excluded.job_id, pid = excluded.pid`.execute(s);
    }
    if (workMs > 0) await new Promise((r) => setTimeout(r, workMs));
    await sql`delete from soak_active where k = ${mine.k} and job_id = ${mine.job_id} and pid = ${mine.pid}`.execute(
      s,
    );
    ctx.write(async (tx) => {
      await sql`insert into soak_done (job_id, k, seq, pid) values (${ctx.job.id}, ${key}, ${seq}, ${process.pid})`.execute(
        storeDb(tx),
      );
    });
  },
});

const events = new EventBus();
const out = (e: Record<string, unknown>): void => void process.stdout.write(`${JSON.stringify(e)}\n`);
events.on('leaseLost', (e) => out({ event: 'leaseLost', job: e.job.id }));
events.on('leaseAbandoned', (e) => out({ event: 'leaseAbandoned', job: e.job.id, reason: e.reason }));
events.on('excepted', (e) => out({ event: 'excepted', job: e.job.id, code: e.error.code }));
events.on('workerError', (e) => {
  const err = e.error as { code?: string; message?: string };
  out({
    event: 'workerError',
    where: e.where,
    code: err.code ?? null,
    message: err.message ?? String(e.error),
  });
});

const config = validateConfig({
  lanes: [{ name: 'soak', concurrency: 16, leaseMs: Number(leaseMs) }],
});
const app = await startFerry({
  db,
  config,
  mode: 'worker',
  tasks: [step],
  events,
  logger: createLogger({ level: 'fatal' }),
});
out({ event: 'ready' });
const stop = (): void => void app.stop(5000).then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
