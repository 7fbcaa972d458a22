/**
 * The engine's roles: the job queue, the inbox, the exception queue, the audit trail, shadow
 * writes, schedules and purging. Each operation is written once (in this folder, or per adapter
 * for the fast paths of {@link HotOps}) and listed here; sessions show them as `tx.jobs.enqueue(...)`.
 */
import { atomic, wakes, withConn, type Conn } from '../role.js';
import type { PreparedJob } from '../port.js';
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
import { purgeBefore } from './purgeBefore.js';
import { jobStats } from './jobStats.js';
import { listJobs } from './listJobs.js';
import { advanceSchedule } from './advanceSchedule.js';
import { dueSchedules } from './dueSchedules.js';
import { registerSchedule } from './registerSchedule.js';

let leaseSeq = 0;

/** The job queue: enqueue, lease, settle, recover, inspect. */
export const jobs = {
  enqueue: wakes(
    withConn((c: Conn, jobs: PreparedJob[], now: number) => c.hot.enqueue(c.db, jobs, now)),
    ([jobs]) => jobs.map((j) => j.lane),
  ),
  /** Leases up to `limit` ready jobs of a lane, respecting ordering keys. */
  lease: withConn((c: Conn, req: LeaseRequest) => {
    const token = `${req.workerId}:${(++leaseSeq).toString(36)}:${Math.random().toString(36).slice(2, 8)}`;
    return c.hot.lease(c.db, req, token);
  }),
  /** Marks jobs completed; returns the ids whose lease was still held (the others were lost). */
  complete: withConn((c: Conn, handles: LeaseHandle[], now: number) => c.hot.complete(c.db, handles, now)),
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
  lockJobs: withConn((c: Conn, ids: number[]) => lockJobs(c.db, c.dialect, ids)),
  /** Puts back the running jobs a stopping worker holds, without using their attempts. */
  releaseLeases: withConn((c: Conn, workerId: string, now: number) =>
    releaseLeases(c.db, c.dialect, workerId, now),
  ),
  /**
   * Extends the leases held by these handles (id and lease token); returns the ids extended. A
   * handle left out was recovered after its lease expired: its worker must stop that job.
   */
  extendLeases: withConn((c: Conn, handles: LeaseHandle[], leaseUntil: number, now: number) =>
    extendLeases(c.db, c.dialect, handles, leaseUntil, now),
  ),
  /** Returns running jobs whose lease expired to the queue (or to exceptions when out of attempts). */
  recoverExpired: atomic(
    withConn((c: Conn, now: number, opts?: RecoverOptions) => recoverExpired(c.db, c.dialect, now, opts)),
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
  receive: atomic(withConn((c: Conn, msg: InboxMessage) => c.hot.receive(c.db, msg))),
  markInbox: withConn(
    (c: Conn, id: number, status: InboxStatus, now: number, details?: { jobId?: number; reason?: string }) =>
      c.hot.markInbox(c.db, id, status, now, details),
  ),
  getInbox,
};

/** The exception queue: parked jobs, replayed or skipped by a person. */
export const exceptions = {
  listExceptions,
  getException,
  /** Re-queues the jobs of open exceptions (with an edited payload when given); returns replayed ids. */
  // Replayed jobs may sit in any lane: wake them all ('*').
  replayExceptions: wakes(atomic(replayExceptions), (_args, replayed) => (replayed.length ? ['*'] : [])),
  skipException: atomic(skipException),
};

/** Who did what, for the audit trail. */
export const audit = { appendAudit };

/** Writes a flow would have made to a partner in shadow mode. */
export const shadow = { recordShadowWrite };

/** Deletes raw messages and finished jobs older than a time; open work is kept. */
export const purge = { purgeBefore: atomic(purgeBefore) };

/** Cron schedules the scheduler fires. */
export const schedules = { registerSchedule, dueSchedules, advanceSchedule };
