import type { Kysely } from 'kysely';
import type {
  Dialect,
  IntakeItem,
  IntakeResult,
  MigrationStatus,
  PreparedJob,
  Store,
  StoreSession,
} from './port.js';
import type { DB } from './schema.js';
import { isAtomic, mapRoles } from './role.js';
import { ROLES } from './roles.js';
import type { StoreRoles } from './port.js';
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
} from './types.js';

/**
 * Store operations outside a transaction. Single-statement operations run through `direct`;
 * operations of several statements always get their own transaction.
 */
// Each role is a property the constructor builds from the role table (see port.ts); the interface
// gives them their types.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface BaseStore extends StoreRoles {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export abstract class BaseStore implements Store {
  abstract readonly dialect: Dialect;
  abstract readonly db: Kysely<DB>;
  abstract readonly location: string;
  private readonly listeners = new Set<(lane: string) => void>();

  constructor() {
    // Outside a transaction, each call runs on a session of its own; an atomic operation (several
    // statements) gets a transaction.
    const roles = mapRoles(ROLES, (op, role, name) => (...args: unknown[]) => {
      const call = (s: StoreSession) =>
        (s as unknown as Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>>)[role]![name]!(
          ...args,
        );
      return isAtomic(op) ? this.transaction(call) : this.direct(call);
    });
    Object.assign(this, roles);
  }

  abstract transaction<T>(fn: (tx: StoreSession) => Promise<T>): Promise<T>;
  savepoint<T>(fn: (s: StoreSession) => Promise<T>): Promise<T> {
    return this.transaction(fn);
  }
  protected abstract direct<T>(fn: (s: StoreSession) => Promise<T>): Promise<T>;
  abstract migrate(): Promise<{ applied: number[] }>;
  abstract migrationStatus(): Promise<MigrationStatus>;
  abstract acquireRuntimeLock(holder: string, now: number): Promise<void>;
  abstract heartbeatRuntimeLock(holder: string, now: number): Promise<void>;
  abstract releaseRuntimeLock(holder: string): Promise<void>;
  abstract close(): Promise<void>;

  onWake(listener: (lane: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  protected wake(lanes: Iterable<string>): void {
    for (const lane of lanes) for (const l of this.listeners) l(lane);
  }

  enqueue(jobs: PreparedJob[], now: number): Promise<EnqueueResult[]> {
    return this.direct((s) => s.enqueue(jobs, now));
  }
  intake(items: readonly IntakeItem[], now: number): Promise<IntakeResult[]> {
    return this.transaction(async (tx) => {
      const out: IntakeResult[] = [];
      for (const { msg, job } of items) {
        const r = await tx.receive(msg);
        if (r.duplicate) out.push({ duplicate: true, inboxId: r.id });
        else if (!job) out.push({ duplicate: false, inboxId: r.id, jobId: null });
        else {
          const [res] = await tx.enqueue([job(r.id)], now);
          await tx.markInbox(r.id, msg.status, now, { jobId: res!.id });
          out.push({ duplicate: false, inboxId: r.id, jobId: res!.id });
        }
      }
      return out;
    });
  }
  lease(req: LeaseRequest): Promise<JobRecord[]> {
    return this.direct((s) => s.lease(req));
  }
  complete(handles: LeaseHandle[], now: number): Promise<number[]> {
    return this.direct((s) => s.complete(handles, now));
  }
  retry(h: LeaseHandle, runAt: number, errors: AttemptRecord[], now: number): Promise<boolean> {
    return this.direct((s) => s.retry(h, runAt, errors, now));
  }
  defer(h: LeaseHandle, runAt: number, now: number): Promise<boolean> {
    return this.direct((s) => s.defer(h, runAt, now));
  }
  except(h: LeaseHandle, exc: NewException, errors: AttemptRecord[], now: number): Promise<number | null> {
    return this.transaction((s) => s.except(h, exc, errors, now));
  }
  extendLeases(handles: LeaseHandle[], leaseUntil: number, now: number): Promise<number[]> {
    return this.direct((s) => s.extendLeases(handles, leaseUntil, now));
  }
  lockJobs(ids: number[]): Promise<void> {
    return this.direct((s) => s.lockJobs(ids));
  }
  releaseLeases(workerId: string, now: number): Promise<number> {
    return this.direct((s) => s.releaseLeases(workerId, now));
  }
  recoverExpired(now: number, opts?: RecoverOptions): Promise<{ requeued: number; excepted: number }> {
    return this.transaction((s) => s.recoverExpired(now, opts));
  }
  nextRunAt(lanes: string[]): Promise<number | null> {
    return this.direct((s) => s.nextRunAt(lanes));
  }
  getJob(id: number): Promise<JobRecord | null> {
    return this.direct((s) => s.getJob(id));
  }
  listJobs(filter: JobFilter): Promise<JobRecord[]> {
    return this.direct((s) => s.listJobs(filter));
  }
  jobStats(now: number): Promise<LaneStats[]> {
    return this.direct((s) => s.jobStats(now));
  }
  receive(msg: InboxMessage): Promise<{ id: number; duplicate: boolean }> {
    return this.transaction((s) => s.receive(msg));
  }
  markInbox(
    id: number,
    status: InboxStatus,
    now: number,
    details?: { jobId?: number; reason?: string },
  ): Promise<void> {
    return this.direct((s) => s.markInbox(id, status, now, details));
  }
  getInbox(id: number): Promise<InboxRecord | null> {
    return this.direct((s) => s.getInbox(id));
  }
  listExceptions(filter: ExceptionFilter): Promise<ExceptionRecord[]> {
    return this.direct((s) => s.listExceptions(filter));
  }
  getException(id: number): Promise<ExceptionRecord | null> {
    return this.direct((s) => s.getException(id));
  }
  replayExceptions(
    ids: number[],
    opts: { actor: string; now: number; payload?: unknown },
  ): Promise<number[]> {
    return this.transaction((s) => s.replayExceptions(ids, opts));
  }
  skipException(id: number, opts: { actor: string; reason: string; now: number }): Promise<boolean> {
    return this.transaction((s) => s.skipException(id, opts));
  }
  appendAudit(entry: AuditEntry): Promise<void> {
    return this.direct((s) => s.appendAudit(entry));
  }
  purgeBefore(before: number): Promise<{ inbox: number; jobs: number }> {
    return this.transaction((s) => s.purgeBefore(before));
  }
  recordShadowWrite(w: {
    lane: string;
    jobId: number;
    partner: string;
    operation: string;
    payload: unknown;
    at: number;
  }): Promise<void> {
    return this.direct((s) => s.recordShadowWrite(w));
  }
}
