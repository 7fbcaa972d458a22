/**
 * The engine's roles: the job queue, the inbox, the exception queue, the audit trail, shadow
 * writes, schedules, purging, the runtime lock and the migration status. Each operation is
 * written once, in its own file named by its verb (in this folder, or per adapter for the
 * operations of {@link AdapterOps}), and listed here; sessions show them as `tx.jobs.enqueue(...)`.
 */
import { atomic, wakes, withConn, type Binding } from '../role.js';
import type { IntakeItem, PreparedJob } from '../port.js';
import type { InboxMessage, InboxStatus, LeaseHandle, LeaseRequest } from '../types.js';
import { deferJob } from './deferJob.js';
import { extendLeases } from './extendLeases.js';
import { getJob } from './getJob.js';
import { lockJobs } from './lockJobs.js';
import { nextRunAt } from './nextRunAt.js';
import { releaseLeases } from './releaseLeases.js';
import { retryJob } from './retryJob.js';
import { exceptJob } from './exceptJob.js';
import { recoverExpired, type RecoverOptions } from './recoverExpired.js';
import { getInbox } from './getInbox.js';
import { getException } from './getException.js';
import { listExceptions } from './listExceptions.js';
import { replayExceptions } from './replayExceptions.js';
import { skipException } from './skipException.js';
import { appendAudit } from './appendAudit.js';
import { recordShadowWrite } from './recordShadowWrite.js';
import { jobStats } from './jobStats.js';
import { listJobs } from './listJobs.js';
import { advanceSchedule } from './advanceSchedule.js';
import { dueSchedules } from './dueSchedules.js';
import { registerSchedule } from './registerSchedule.js';
import { listInbox } from './listInbox.js';
import { replayCandidates } from './replayCandidates.js';
import { setInboxJob } from './setInboxJob.js';
import { exceptionsForOrder } from './exceptionsForOrder.js';
import { openExceptionsByImpact } from './openExceptionsByImpact.js';
import { countExceptionsCreated } from './countExceptionsCreated.js';
import { listAudit } from './listAudit.js';
import { migrationVersion } from './migrationVersion.js';

export type { AuditFilter, AuditRecord } from './auditRows.js';
export type { InboxFilter, InboxWithOutcome } from './listInbox.js';
export type { JobFilter } from './listJobs.js';
export type { LaneStats } from './jobStats.js';
export type { RecoverOptions } from './recoverExpired.js';
export type { ScheduleRow } from './dueSchedules.js';

let leaseSeq = 0;

/** The job queue: enqueue, lease, settle, recover, inspect. */
export const jobs = {
  enqueue: wakes(
    withConn((c: Binding, jobs: PreparedJob[], now: number) => c.adapter.enqueue(c.db, jobs, now)),
    ([jobs]) => jobs.map((j) => j.lane),
  ),
  /** Leases up to `limit` ready jobs of a lane, respecting ordering keys. */
  lease: withConn((c: Binding, req: LeaseRequest) => {
    const token = `${req.workerId}:${(++leaseSeq).toString(36)}:${Math.random().toString(36).slice(2, 8)}`;
    return c.adapter.lease(c.db, req, token);
  }),
  /** Marks jobs completed; returns the ids whose lease was still held (the others were lost). */
  complete: withConn((c: Binding, handles: LeaseHandle[], now: number) =>
    c.adapter.complete(c.db, handles, now),
  ),
  /** Puts a failed job back for a later attempt; false when the lease was lost. */
  retry: retryJob,
  /** Puts a job back without consuming its attempt (open breaker, rate limit). */
  defer: deferJob,
  /** Parks a job in the exception queue; returns the exception id, null when the lease was lost. */
  except: atomic(exceptJob),
  /**
   * Locks these jobs' rows in id order until the transaction ends (PostgreSQL), so that updating
   * them afterwards in any order cannot deadlock with heartbeats and completions. Use in a transaction.
   */
  lockJobs: withConn((c: Binding, ids: number[]) => lockJobs(c.db, c.dialect, ids)),
  /** Puts back the running jobs a stopping worker holds, without using their attempts. */
  releaseLeases: withConn((c: Binding, workerId: string, now: number) =>
    releaseLeases(c.db, c.dialect, workerId, now),
  ),
  /**
   * Extends the leases held by these handles (id and lease token); returns the ids extended. A
   * handle left out was recovered after its lease expired: its worker must stop that job.
   */
  extendLeases: withConn((c: Binding, handles: LeaseHandle[], leaseUntil: number, now: number) =>
    extendLeases(c.db, c.dialect, handles, leaseUntil, now),
  ),
  /** Returns running jobs whose lease expired to the queue (or to exceptions when out of attempts). */
  recoverExpired: atomic(
    withConn((c: Binding, now: number, opts?: RecoverOptions) => recoverExpired(c.db, c.dialect, now, opts)),
  ),
  /** Earliest run_at among ready jobs of these lanes, for sleeping until then. */
  nextRunAt,
  getJob,
  listJobs,
  jobStats,
};

/** Raw inbound messages, stored before anything acknowledges them. */
export const inbox = {
  /** Stores a raw message; a repeated dedupe key is counted on the original and reported. */
  receive: atomic(withConn((c: Binding, msg: InboxMessage) => c.adapter.receive(c.db, msg))),
  markInbox: withConn(
    (
      c: Binding,
      id: number,
      status: InboxStatus,
      now: number,
      details?: { jobId?: number; reason?: string },
    ) => c.adapter.markInbox(c.db, id, status, now, details),
  ),
  getInbox,
  listInbox,
  /**
   * Stores messages and enqueues their jobs in one transaction (the webhook intake's group commit);
   * results in the order given. A repeated dedupe key is counted on the original, as `receive` does.
   */
  intake: atomic(
    withConn(async (c: Binding, items: readonly IntakeItem[], now: number) => {
      const lanes = new Set<string>();
      const out = await c.adapter.intake(c.db, items, now, lanes);
      c.woke?.(lanes);
      return out;
    }),
  ),
  replayCandidates,
  setInboxJob,
};

/** The exception queue: parked jobs, replayed or skipped by a person. */
export const exceptions = {
  listExceptions,
  getException,
  /** Re-queues the jobs of open exceptions (with an edited payload when given); returns replayed ids. */
  // Replayed jobs may sit in any lane: wake them all ('*').
  replayExceptions: wakes(atomic(replayExceptions), (_args, replayed) => (replayed.length ? ['*'] : [])),
  skipException: atomic(skipException),
  exceptionsForOrder,
  openExceptionsByImpact,
  countExceptionsCreated,
};

/** Who did what, for the audit trail. */
export const audit = { appendAudit, listAudit };

/** Writes a flow would have made to a partner in shadow mode. */
export const shadow = { recordShadowWrite };

/**
 * Cron schedules the scheduler fires: one row per periodic job with its next firing. Firings are
 * claimed by a conditional update on `next_run_at`, so any number of processes may tick the same
 * schedules.
 */
export const schedules = { registerSchedule, dueSchedules, advanceSchedule };

/**
 * Claims the database for this process. SQLite refuses a second live Ferry process on the same
 * file; PostgreSQL serves any number and claims nothing (see each adapter's {@link AdapterOps}).
 */
export const runtimeLock = {
  acquire: atomic(
    withConn((c: Binding, holder: string, now: number) => c.adapter.acquireRuntimeLock(c.db, holder, now)),
  ),
  heartbeat: withConn((c: Binding, holder: string, now: number) =>
    c.adapter.heartbeatRuntimeLock(c.db, holder, now),
  ),
  release: withConn((c: Binding, holder: string) => c.adapter.releaseRuntimeLock(c.db, holder)),
};

/**
 * The schema's version: the highest migration applied and the latest this Ferry has. Applying
 * migrations stays `Store.migrate()`: Kysely's Migrator takes its own connection, lock and
 * transaction, so it cannot join a session's.
 */
export const migrations = { status: migrationVersion };
