/**
 * A Ferry worker process for tests that need real processes (kill -9, several workers on one
 * PostgreSQL). It starts through the same startFerry path as `ferry worker`, with one task that
 * records each run in `test_done` (unique per job) inside the job's completion transaction.
 *
 * Usage: node --import tsx worker-process.ts <FERRY_DB> [concurrency] [leaseMs]
 */
import { sql } from 'kysely';
import { z } from 'zod';
import { startFerry } from '../app/index.js';
import { defineTask } from '../engine/index.js';
import { validateConfig } from '../ops/config/index.js';
import { createLogger } from '../ops/logging/index.js';
import { storeDb } from './storeDb.js';

const [db, concurrency = '8', leaseMs = '30000'] = process.argv.slice(2);
if (!db) throw new Error('usage: worker-process.ts <FERRY_DB> [concurrency] [leaseMs]');

const record = defineTask({
  name: 'record',
  lane: 'proc',
  payload: z.object({ key: z.string(), seq: z.number().int(), sleepMs: z.number().int().default(0) }),
  handle: async (ctx) => {
    if (ctx.payload.sleepMs > 0) {
      await sql`insert into test_started (job_id, pid) values (${ctx.job.id}, ${process.pid})`.execute(
        storeDb(ctx.store),
      );
      await new Promise((r) => setTimeout(r, ctx.payload.sleepMs));
    }
    ctx.write(async (tx) => {
      await sql`insert into test_done (job_id, k, seq, pid) values (${ctx.job.id}, ${ctx.payload.key}, ${ctx.payload.seq}, ${process.pid})`.execute(
        storeDb(tx),
      );
    });
  },
});

const config = validateConfig({
  lanes: [{ name: 'proc', concurrency: Number(concurrency), leaseMs: Number(leaseMs) }],
});
const app = await startFerry({
  db,
  config,
  mode: 'worker',
  tasks: [record],
  logger: createLogger({ level: 'warn' }),
});
process.stdout.write('ready\n');
const stop = (): void => void app.stop(5000).then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
