import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { FerryError } from '../../core/errors.js';
import type { Clock } from '../../core/clock.js';
import { BaseStore } from '../baseStore.js';
import type { AdapterOps } from '../role.js';
import { keepHandle } from '../handle.js';
import { Session } from '../session.js';
import type { StoreSession } from '../port.js';
import type { DB } from '../schema.js';
import { adoptLegacyMigrations } from '../common/adoptLegacyMigrations.js';
import { migrateToLatest } from '../common/migrateToLatest.js';
import { acquireRuntimeLock } from './acquireRuntimeLock.js';
import { heartbeatRuntimeLock } from './heartbeatRuntimeLock.js';
import { processAlive } from './processAlive.js';
import { releaseRuntimeLock } from './releaseRuntimeLock.js';
import { enqueueJobs } from './enqueueJobs.js';
import { leaseJobs } from './leaseJobs.js';
import { completeJobs } from './completeJobs.js';
import { markInbox } from './markInbox.js';
import { receiveInbox } from './receiveInbox.js';
import { intakeInbox } from './intakeInbox.js';
import { WalCheckpointer, WRITER_CHECKPOINT_PAGES } from './walCheckpointer.js';

export interface SqliteOptions {
  /** File path, or ':memory:'. */
  path: string;
  clock: Clock;
  /** How long a writer waits for another process's lock. Default 5000 ms. */
  busyTimeoutMs?: number;
  /** A runtime lock older than this is stale (its process died). Default 15000 ms. */
  lockStaleMs?: number;
}

/**
 * The embedded store: one better-sqlite3 connection in WAL mode. All access goes through Kysely's
 * connection mutex, so a transaction that awaits is never interleaved with another caller's
 * statements; the fast paths use prepared statements on the same connection under that mutex.
 */
export class SqliteStore extends BaseStore {
  readonly dialect = 'sqlite' as const;
  readonly #db: Kysely<DB>;
  readonly location: string;
  private readonly adapter: AdapterOps;
  private checkpointTimer: NodeJS.Timeout | undefined;
  private checkpointer: WalCheckpointer | undefined;

  constructor(
    private readonly raw: Database.Database,
    private readonly opts: SqliteOptions,
  ) {
    super();
    // Only a store that stays open gets the checkpoint thread: starting and stopping it costs ~30 ms,
    // which every short CLI command (and test) would pay for nothing; until then the writer's own
    // checkpoint applies.
    if (opts.path !== ':memory:')
      this.checkpointTimer = setTimeout(() => {
        this.checkpointer = new WalCheckpointer(opts.path, CHECKPOINT_EVERY_MS);
      }, CHECKPOINT_THREAD_AFTER_MS).unref();
    this.location = `sqlite:${opts.path}`;
    this.#db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(raw) }) });
    keepHandle(this, this.#db);
    const lock = { staleMs: opts.lockStaleMs ?? 15_000, isAlive: processAlive, location: opts.path };
    this.adapter = {
      enqueue: (_db, jobs, now) => Promise.resolve(enqueueJobs(raw, jobs, now)),
      lease: (_db, req, token) => Promise.resolve(leaseJobs(raw, req, token)),
      complete: (_db, handles, now) => Promise.resolve(completeJobs(raw, handles, now)),
      receive: (_db, msg) => Promise.resolve(receiveInbox(raw, msg)),
      markInbox: (_db, id, status, now, details) => Promise.resolve(markInbox(raw, id, status, now, details)),
      // Synchronous under the connection mutex: a batch of webhooks is one IMMEDIATE transaction
      // with no await between its statements, and each inbox row is written with its job's id.
      intake: (_db, items, now, lanes) => Promise.resolve(intakeInbox(raw, items, now, lanes)),
      acquireRuntimeLock: (db, holder, now) =>
        acquireRuntimeLock(db, { holder, pid: process.pid, host: hostname() }, now, lock),
      heartbeatRuntimeLock,
      releaseRuntimeLock,
    };
  }

  async transaction<T>(fn: (tx: StoreSession) => Promise<T>): Promise<T> {
    let session: Session | undefined;
    const result = await this.#db.connection().execute(async (conn) => {
      session = new Session({ db: conn, dialect: 'sqlite', adapter: this.adapter });
      // IMMEDIATE takes the write lock up front: a read-then-write transaction can then never
      // fail half-way with SQLITE_BUSY when a CLI command writes to the same file.
      this.raw.exec('begin immediate');
      try {
        const r = await fn(session);
        this.raw.exec('commit');
        return r;
      } catch (e) {
        if (this.raw.inTransaction) this.raw.exec('rollback');
        throw e;
      }
    });
    if (session) this.wake(session.enqueuedLanes);
    return result;
  }

  /**
   * Single operations also run in a transaction: an operation over many rows (a batch enqueue or
   * completion) then commits once instead of once per row, which is most of SQLite's write cost.
   */
  protected direct<T>(fn: (s: StoreSession) => Promise<T>): Promise<T> {
    return this.transaction(fn);
  }

  /**
   * Kysely's Migrator runs SQLite migrations without a transaction of its own, so it gets a Kysely
   * of its own on this connection while the store holds it inside BEGIN IMMEDIATE: every pending
   * migration (and the adoption of a `ferry_migrations` table) commits together or not at all.
   */
  migrate(): Promise<{ applied: number[] }> {
    return this.transaction(async () => {
      const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: this.raw }) });
      await adoptLegacyMigrations(db, 'sqlite');
      return { applied: await migrateToLatest(db, 'sqlite') };
    });
  }
  async close(): Promise<void> {
    clearTimeout(this.checkpointTimer);
    await this.checkpointer?.stop();
    await this.#db.destroy();
  }
}

/**
 * Kysely prepares every query anew; preparing costs more than running a small statement
 * (profiled: a third of webhook intake's store time). Statements are reused by SQL text; they are
 * only ever used under the connection mutex, one at a time.
 */
function withStatementCache(raw: Database.Database): Database.Database {
  const cache = new Map<string, Database.Statement>();
  const prepare = (source: string): Database.Statement => {
    let stmt = cache.get(source);
    if (!stmt) {
      stmt = raw.prepare(source);
      if (cache.size < 2000) cache.set(source, stmt);
    }
    return stmt;
  };
  return new Proxy(raw, {
    get(target, prop, receiver) {
      if (prop === 'prepare') return prepare;
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/** How often the checkpoint thread copies the WAL into the database file. */
const CHECKPOINT_EVERY_MS = 100;
/** How long a store stays open before it starts the checkpoint thread. */
const CHECKPOINT_THREAD_AFTER_MS = 1000;

/** Opens (creating if needed) a SQLite store; a file that is not a database is refused by name. */
export function openSqlite(opts: SqliteOptions): SqliteStore {
  const isNew = opts.path !== ':memory:' && !existsSync(opts.path);
  let raw: Database.Database;
  try {
    raw = new Database(opts.path);
    raw.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 5000}`);
    raw.pragma('journal_mode = WAL');
    // NORMAL in WAL mode is durable against process crashes (the case the inbox protects);
    // only an OS crash can lose the last transactions.
    raw.pragma('synchronous = NORMAL');
    if (opts.path !== ':memory:') raw.pragma(`wal_autocheckpoint = ${WRITER_CHECKPOINT_PAGES}`);
    raw.pragma('foreign_keys = ON');
    raw.prepare('select count(*) from sqlite_master').get();
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new FerryError(
        'store_corrupt',
        `${opts.path} is not a usable SQLite database (${(e as Error).message}); restore it from a backup or point FERRY_DB at another file`,
        { cause: e },
      );
    }
    throw new FerryError(
      'store_unreachable',
      `cannot open SQLite database ${opts.path}${isNew ? ' (could not create it)' : ''}: ${(e as Error).message}`,
      { cause: e },
    );
  }
  return new SqliteStore(raw, opts);
}
