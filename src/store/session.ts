import { sql, type Kysely } from 'kysely';
import type { Dialect, PreparedJob, StoreRoles, StoreSession } from './port.js';
import { bindRoles } from './role.js';
import { ROLES, type Roles } from './roles.js';
import type { DB } from './schema.js';
import type {
  AttemptRecord,
  AuditEntry,
  EnqueueResult,
  ExceptionFilter,
  ExceptionRecord,
  InboxMessage,
  InboxRecord,
  InboxStatus,
  JobRecord,
  LeaseHandle,
  LeaseRequest,
  NewException,
} from './types.js';
import {
  deferJob,
  extendLeases,
  getJob,
  lockJobs,
  nextRunAt,
  releaseLeases,
  retryJob,
} from './common/jobUpdates.js';
import { exceptJob } from './common/exceptJob.js';
import { recoverExpired } from './common/recoverExpired.js';
import { getInbox } from './common/inbox.js';
import { getException, listExceptions, replayExceptions, skipException } from './common/exceptions.js';
import { appendAudit, recordShadowWrite } from './common/records.js';
import { purgeBefore } from './common/purge.js';
import type { RecoverOptions } from './common/recoverExpired.js';
import { jobStats, listJobs, type JobFilter, type LaneStats } from './common/jobQueries.js';

/** The operations whose SQL differs per dialect. */
export interface HotOps {
  enqueue(db: Kysely<DB>, jobs: PreparedJob[], now: number): Promise<EnqueueResult[]>;
  lease(db: Kysely<DB>, req: LeaseRequest, token: string): Promise<JobRecord[]>;
  complete(db: Kysely<DB>, handles: LeaseHandle[], now: number): Promise<number[]>;
  receive(db: Kysely<DB>, msg: InboxMessage): Promise<{ id: number; duplicate: boolean }>;
  markInbox(
    db: Kysely<DB>,
    id: number,
    status: InboxStatus,
    now: number,
    details?: { jobId?: number; reason?: string },
  ): Promise<void>;
}

let leaseSeq = 0;

/**
 * A StoreSession over one Kysely executor: the pool (PostgreSQL, autocommit), or one held
 * connection (inside a transaction, or SQLite's single connection). Multi-statement operations
 * expect the caller to have opened a transaction; the Store classes make sure of it.
 */
// Each role is a property the constructor binds from the role table (see port.ts); the interface
// gives them their types.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface Session extends StoreRoles {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class Session implements StoreSession {
  /** Lanes that received jobs through this session, woken after commit. */
  readonly enqueuedLanes = new Set<string>();
  private savepoints = 0;

  constructor(
    readonly db: Kysely<DB>,
    readonly dialect: Dialect,
    private readonly hot: HotOps,
    roles: Roles = ROLES,
  ) {
    Object.assign(this, bindRoles(roles, db));
  }

  async savepoint<T>(fn: (s: StoreSession) => Promise<T>): Promise<T> {
    // Names are unique within the session, so savepoints may nest.
    const sp = sql.raw(`ferry_sp_${++this.savepoints}`);
    await sql`savepoint ${sp}`.execute(this.db);
    try {
      const out = await fn(this);
      await sql`release savepoint ${sp}`.execute(this.db);
      return out;
    } catch (e) {
      await sql`rollback to savepoint ${sp}`.execute(this.db);
      await sql`release savepoint ${sp}`.execute(this.db);
      throw e;
    }
  }

  async enqueue(jobs: PreparedJob[], now: number): Promise<EnqueueResult[]> {
    const r = await this.hot.enqueue(this.db, jobs, now);
    for (const j of jobs) this.enqueuedLanes.add(j.lane);
    return r;
  }
  lease(req: LeaseRequest): Promise<JobRecord[]> {
    const token = `${req.workerId}:${(++leaseSeq).toString(36)}:${Math.random().toString(36).slice(2, 8)}`;
    return this.hot.lease(this.db, req, token);
  }
  complete(handles: LeaseHandle[], now: number): Promise<number[]> {
    return this.hot.complete(this.db, handles, now);
  }
  retry(h: LeaseHandle, runAt: number, errors: AttemptRecord[], now: number): Promise<boolean> {
    return retryJob(this.db, h, runAt, errors, now);
  }
  defer(h: LeaseHandle, runAt: number, now: number): Promise<boolean> {
    return deferJob(this.db, h, runAt, now);
  }
  except(h: LeaseHandle, exc: NewException, errors: AttemptRecord[], now: number): Promise<number | null> {
    return exceptJob(this.db, h, exc, errors, now);
  }
  extendLeases(handles: LeaseHandle[], leaseUntil: number, now: number): Promise<number[]> {
    return extendLeases(this.db, this.dialect, handles, leaseUntil, now);
  }
  lockJobs(ids: number[]): Promise<void> {
    return lockJobs(this.db, this.dialect, ids);
  }
  releaseLeases(workerId: string, now: number): Promise<number> {
    return releaseLeases(this.db, this.dialect, workerId, now);
  }
  recoverExpired(now: number, opts?: RecoverOptions): Promise<{ requeued: number; excepted: number }> {
    return recoverExpired(this.db, this.dialect, now, opts);
  }
  nextRunAt(lanes: string[]): Promise<number | null> {
    return nextRunAt(this.db, lanes);
  }
  getJob(id: number): Promise<JobRecord | null> {
    return getJob(this.db, id);
  }
  listJobs(filter: JobFilter): Promise<JobRecord[]> {
    return listJobs(this.db, filter);
  }
  jobStats(now: number): Promise<LaneStats[]> {
    return jobStats(this.db, now);
  }
  receive(msg: InboxMessage): Promise<{ id: number; duplicate: boolean }> {
    return this.hot.receive(this.db, msg);
  }
  markInbox(
    id: number,
    status: InboxStatus,
    now: number,
    details?: { jobId?: number; reason?: string },
  ): Promise<void> {
    return this.hot.markInbox(this.db, id, status, now, details);
  }
  getInbox(id: number): Promise<InboxRecord | null> {
    return getInbox(this.db, id);
  }
  listExceptions(filter: ExceptionFilter): Promise<ExceptionRecord[]> {
    return listExceptions(this.db, filter);
  }
  getException(id: number): Promise<ExceptionRecord | null> {
    return getException(this.db, id);
  }
  async replayExceptions(
    ids: number[],
    opts: { actor: string; now: number; payload?: unknown },
  ): Promise<number[]> {
    const replayed = await replayExceptions(this.db, ids, opts);
    // Replayed jobs may sit in any lane: wake them all ('*').
    if (replayed.length) this.enqueuedLanes.add('*');
    return replayed;
  }
  skipException(id: number, opts: { actor: string; reason: string; now: number }): Promise<boolean> {
    return skipException(this.db, id, opts);
  }
  appendAudit(entry: AuditEntry): Promise<void> {
    return appendAudit(this.db, entry);
  }
  purgeBefore(before: number): Promise<{ inbox: number; jobs: number }> {
    return purgeBefore(this.db, before);
  }
  recordShadowWrite(w: {
    lane: string;
    jobId: number;
    partner: string;
    operation: string;
    payload: unknown;
    at: number;
  }): Promise<void> {
    return recordShadowWrite(this.db, w);
  }
}
