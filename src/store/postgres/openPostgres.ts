import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
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
import { enqueueJobs } from './enqueueJobs.js';
import { leaseJobs } from './leaseJobs.js';
import { completeJobs } from './completeJobs.js';
import { intakeInbox } from './intakeInbox.js';
import { redactUrl } from '../redactUrl.js';
import { markInbox } from './markInbox.js';
import { receiveInbox } from './receiveInbox.js';
import { classifyStoreError, storeConflictCode } from '../conflict.js';

/** How many times a transaction aborted by a lock conflict is run again before the conflict is thrown. */
const CONFLICT_RETRIES = 3;

export interface PostgresOptions {
  url: string;
  clock: Clock;
  /** Pool size. Default 10. */
  poolSize?: number;
  /** Connect timeout. Default 5000 ms. */
  connectTimeoutMs?: number;
}

const adapter: AdapterOps = {
  enqueue: enqueueJobs,
  lease: leaseJobs,
  complete: completeJobs,
  receive: receiveInbox,
  markInbox,
  intake: intakeInbox,
  // PostgreSQL serves any number of processes: nothing to claim.
  acquireRuntimeLock: () => Promise.resolve(),
  heartbeatRuntimeLock: () => Promise.resolve(),
  releaseRuntimeLock: () => Promise.resolve(),
};

// Times are bigint epoch ms; they fit a JS number exactly until the year 287,396.
function getTypeParser(oid: number, format?: 'text' | 'binary'): (v: string) => unknown {
  if (oid === 20) return (v: string) => Number(v);
  return pg.types.getTypeParser(oid, format) as (v: string) => unknown;
}
const types = { getTypeParser } as unknown as typeof pg.types;

/** The scale-out store: any number of Ferry processes share one PostgreSQL database. */
export class PostgresStore extends BaseStore {
  readonly dialect = 'postgres' as const;
  readonly #db: Kysely<DB>;
  readonly location: string;
  private listener: pg.Client | undefined;
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly opts: PostgresOptions,
  ) {
    super();
    this.location = redactUrl(opts.url);
    this.#db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    keepHandle(this, this.#db);
  }

  /**
   * Runs fn in one transaction. A transaction PostgreSQL aborts as a deadlock victim or for a
   * serialization failure left nothing behind, so it is run again, up to {@link CONFLICT_RETRIES}
   * times after a short random pause (which breaks the lockstep that made it collide); then the
   * conflict is thrown, classified as the retryable `store_conflict`.
   */
  async transaction<T>(fn: (tx: StoreSession) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#db.transaction().execute(async (trx) => {
          const session = new Session({ db: trx, dialect: 'postgres', adapter });
          const out = await fn(session);
          if (session.enqueuedLanes.has('*')) await sql`select pg_notify('ferry_jobs', '*')`.execute(trx);
          return out;
        });
      } catch (e) {
        if (!storeConflictCode(e)) throw e;
        if (attempt >= CONFLICT_RETRIES) throw classifyStoreError(e);
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
      }
    }
  }

  protected direct<T>(fn: (s: StoreSession) => Promise<T>): Promise<T> {
    return fn(new Session({ db: this.#db, dialect: 'postgres', adapter }));
  }

  /** Starts LISTEN for wake-ups from every process (including this one); reconnects on loss. */
  async listen(): Promise<void> {
    if (this.listener || this.closed) return;
    const client = new pg.Client({ connectionString: this.opts.url });
    this.listener = client;
    client.on('notification', (n) => this.wake([n.payload ?? '*']));
    client.on('error', () => {
      this.listener = undefined;
      void client.end().catch(() => undefined);
      if (!this.closed) setTimeout(() => void this.listen().catch(() => undefined), 1000).unref();
    });
    await client.connect();
    await client.query('listen ferry_jobs');
  }

  /**
   * A `ferry_migrations` table is adopted first (its own transaction and lock), then Kysely's
   * Migrator applies what is pending in one transaction under its advisory lock.
   */
  async migrate(): Promise<{ applied: number[] }> {
    await this.#db.transaction().execute((trx) => adoptLegacyMigrations(trx, 'postgres'));
    return { applied: await migrateToLatest(this.#db, 'postgres') };
  }
  async close(): Promise<void> {
    this.closed = true;
    const l = this.listener;
    this.listener = undefined;
    if (l) await l.end().catch(() => undefined);
    await this.#db.destroy();
  }
}

/** Opens a PostgreSQL store and checks that the server answers, naming the problem if not. */
export async function openPostgres(opts: PostgresOptions): Promise<PostgresStore> {
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolSize ?? 10,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 5000,
    types,
  });
  pool.on('error', () => undefined); // an idle client's error surfaces on its next query instead
  try {
    await pool.query('select 1');
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw describePgError(e, redactUrl(opts.url));
  }
  return new PostgresStore(pool, opts);
}

function describePgError(e: unknown, where: string): FerryError {
  const err = e as { code?: string; message?: string };
  const reason =
    err.code === 'ECONNREFUSED'
      ? 'connection refused (is PostgreSQL running and listening there?)'
      : err.code === '3D000'
        ? `${err.message} (create it with: createdb)`
        : err.code === '28P01' || err.code === '28000'
          ? `authentication failed: ${err.message}`
          : (err.message ?? String(e));
  return new FerryError('store_unreachable', `cannot reach PostgreSQL at ${where}: ${reason}`, { cause: e });
}
