/**
 * The store port: everything the engine and the services persist goes through these role
 * interfaces. Two adapters implement them with identical behaviour: SQLite (embedded default,
 * one process) and PostgreSQL (any number of processes).
 *
 * How to add storage (one way, for every role):
 * 1. Write the operation once, in its own file named by its verb, beside its role's other
 *    operations (`store/orders/getOrderByRef.ts`): an exported function whose first parameter is
 *    the connection, `(db: Kysely<DB>, ...args) => Promise<R>`. Its SQL lives there and nowhere
 *    else; where the SQL differs per dialect, one file per dialect (`store/sqlite/`, `store/postgres/`).
 *    An operation of several statements is wrapped in `atomic(...)` where its role lists it: called
 *    on the store outside a transaction it then gets one of its own.
 * 2. List it in its role, the object its folder's `index.ts` exports (`export const orders = {...}`);
 *    a new role goes into `ROLES` in `roles.ts`.
 * 3. That is all: `StoreSession` derives each role's type from the functions (`Bound` strips the
 *    `db` parameter), and both adapters bind the same table to their connection or transaction, so
 *    callers write `session.orders.getOrderByRef(ref)`. No caller ever sees a Kysely handle.
 */
import type { Kysely } from 'kysely';
import type { DB } from './schema.js';
import type { BoundRoles } from './role.js';
import type { Roles } from './roles.js';
import type { RecoverOptions } from './common/recoverExpired.js';
import type { JobFilter, LaneStats } from './common/jobQueries.js';
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
  NewJob,
} from './types.js';

export type Dialect = 'sqlite' | 'postgres';

/** A job ready to insert: defaults applied, payload serialised. */
export interface PreparedJob extends Omit<NewJob, 'payload' | 'maxAttempts' | 'runAt' | 'priority'> {
  payloadJson: string;
  maxAttempts: number;
  runAt: number;
  priority: number;
}

export interface JobQueueStore {
  enqueue(jobs: PreparedJob[], now: number): Promise<EnqueueResult[]>;
  /** Leases up to `limit` ready jobs of a lane, respecting ordering keys. */
  lease(req: LeaseRequest): Promise<JobRecord[]>;
  /** Marks jobs completed; returns the ids whose lease was still held (the others were lost). */
  complete(handles: LeaseHandle[], now: number): Promise<number[]>;
  /** Puts a failed job back for a later attempt; false when the lease was lost. */
  retry(handle: LeaseHandle, runAt: number, errors: AttemptRecord[], now: number): Promise<boolean>;
  /** Puts a job back without consuming its attempt (open breaker, rate limit). */
  defer(handle: LeaseHandle, runAt: number, now: number): Promise<boolean>;
  /** Parks a job in the exception queue; returns the exception id, null when the lease was lost. */
  except(
    handle: LeaseHandle,
    exc: NewException,
    errors: AttemptRecord[],
    now: number,
  ): Promise<number | null>;
  /**
   * Locks these jobs' rows in id order until the transaction ends (PostgreSQL), so that updating
   * them afterwards in any order cannot deadlock with heartbeats and completions. Use in a transaction.
   */
  lockJobs(ids: number[]): Promise<void>;
  /** Puts back the running jobs a stopping worker holds, without using their attempts. */
  releaseLeases(workerId: string, now: number): Promise<number>;
  /**
   * Extends the leases held by these handles (id and lease token); returns the ids extended. A
   * handle left out was recovered after its lease expired: its worker must stop that job.
   */
  extendLeases(handles: LeaseHandle[], leaseUntil: number, now: number): Promise<number[]>;
  /** Returns running jobs whose lease expired to the queue (or to exceptions when out of attempts). */
  recoverExpired(now: number, opts?: RecoverOptions): Promise<{ requeued: number; excepted: number }>;
  /** Earliest run_at among ready jobs of these lanes, for sleeping until then. */
  nextRunAt(lanes: string[]): Promise<number | null>;
  getJob(id: number): Promise<JobRecord | null>;
  listJobs(filter: JobFilter): Promise<JobRecord[]>;
  jobStats(now: number): Promise<LaneStats[]>;
}

export interface InboxStore {
  /** Stores a raw message; a repeated dedupe key is counted on the original and reported. */
  receive(msg: InboxMessage): Promise<{ id: number; duplicate: boolean }>;
  markInbox(
    id: number,
    status: InboxStatus,
    now: number,
    details?: { jobId?: number; reason?: string },
  ): Promise<void>;
  getInbox(id: number): Promise<InboxRecord | null>;
}

/** One message for {@link Store.intake}: stored, and (when `job` is given) its processing job enqueued. */
export interface IntakeItem {
  msg: InboxMessage;
  /** The job for the stored message's id; not called for a duplicate. */
  job?: (inboxId: number) => PreparedJob;
}

export type IntakeResult =
  { duplicate: false; inboxId: number; jobId: number | null } | { duplicate: true; inboxId: number };

export interface ExceptionStore {
  listExceptions(filter: ExceptionFilter): Promise<ExceptionRecord[]>;
  getException(id: number): Promise<ExceptionRecord | null>;
  /** Re-queues the jobs of open exceptions (with an edited payload when given); returns replayed ids. */
  replayExceptions(ids: number[], opts: { actor: string; now: number; payload?: unknown }): Promise<number[]>;
  skipException(id: number, opts: { actor: string; reason: string; now: number }): Promise<boolean>;
}

export interface RetentionStore {
  /** Deletes raw messages and finished jobs older than `before`; open work is kept. */
  purgeBefore(before: number): Promise<{ inbox: number; jobs: number }>;
}

export interface AuditStore {
  appendAudit(entry: AuditEntry): Promise<void>;
}

export interface ShadowStore {
  recordShadowWrite(w: {
    lane: string;
    jobId: number;
    partner: string;
    operation: string;
    payload: unknown;
    at: number;
  }): Promise<void>;
}

/** Every role of the store, bound to a connection: `session.mappings.currentMappings(...)`. */
export type StoreRoles = BoundRoles<Roles>;

/** Operations available both inside and outside a transaction. */
export interface StoreSession
  extends JobQueueStore, InboxStore, ExceptionStore, AuditStore, ShadowStore, RetentionStore, StoreRoles {
  /** Kysely for ordinary queries, bound to the transaction when inside one. */
  readonly db: Kysely<DB>;
  readonly dialect: Dialect;
  /**
   * Runs fn as one unit inside the current transaction: when fn throws, its writes (and the jobs
   * it enqueued) are rolled back and the error rethrown, while the transaction's other work stays.
   * Outside a transaction, fn gets a transaction of its own.
   */
  savepoint<T>(fn: (s: StoreSession) => Promise<T>): Promise<T>;
}

export interface MigrationStatus {
  current: number;
  latest: number;
}

export interface Store extends StoreSession {
  /** Runs fn in one transaction: its writes and the jobs it enqueues commit together or not at all. */
  transaction<T>(fn: (tx: StoreSession) => Promise<T>): Promise<T>;
  /**
   * Stores messages and enqueues their jobs in one transaction (the webhook intake's group commit);
   * results in the order given. A repeated dedupe key is counted on the original, as `receive` does.
   */
  intake(items: readonly IntakeItem[], now: number): Promise<IntakeResult[]>;
  /** Called with a lane name when jobs may have become ready there (after commit). */
  onWake(listener: (lane: string) => void): () => void;
  migrate(): Promise<{ applied: number[] }>;
  migrationStatus(): Promise<MigrationStatus>;
  /**
   * Claims the database for this process. SQLite refuses a second live Ferry process on the same
   * file; PostgreSQL allows any number.
   */
  acquireRuntimeLock(holder: string, now: number): Promise<void>;
  heartbeatRuntimeLock(holder: string, now: number): Promise<void>;
  releaseRuntimeLock(holder: string): Promise<void>;
  /** Where the store is, with any password removed. */
  readonly location: string;
  close(): Promise<void>;
}
