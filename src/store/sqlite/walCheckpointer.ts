import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Pages the writer lets the WAL grow to before it checkpoints on its own thread (SQLite's default is 1000). */
export const WRITER_CHECKPOINT_PAGES = 10_000;

/**
 * WAL checkpoints on a thread of their own. SQLite's automatic checkpoint runs inside the commit
 * that crosses its threshold, on the writer's thread: it copies the WAL into the database file and
 * fsyncs both, which stalled the event loop (and every webhook waiting on it) once per ~4 MB written;
 * measured, 12 % of durable intake throughput. Here a second connection on a worker thread runs a
 * PASSIVE checkpoint (it never blocks the writer or readers) every `everyMs`, so the database file
 * stays current. A PASSIVE checkpoint cannot rewind the WAL while writes keep arriving; between
 * bursts the next write does, and under sustained load the writer's own, rarer, checkpoint at
 * {@link WRITER_CHECKPOINT_PAGES} does it, copying only what this thread has not copied yet.
 */
export class WalCheckpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<unknown>;

  constructor(path: string, everyMs: number) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(CHECKPOINT_LOOP, { eval: true, workerData: { driver, path, everyMs } });
    // A failed checkpoint thread costs speed, not data: the writer's own checkpoint still applies.
    this.worker.on('error', () => undefined);
    this.exited = new Promise((resolve) => this.worker.once('exit', resolve));
    this.worker.unref();
  }

  /** Closes the thread's connection and ends it; the writer's close checkpoints what is left. */
  async stop(): Promise<void> {
    this.worker.ref();
    this.worker.postMessage('stop');
    await this.exited;
  }
}

const CHECKPOINT_LOOP = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 0');
db.pragma('synchronous = NORMAL');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy: the next tick tries again */ }
}, workerData.everyMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;
