/** Values that cross the store port. Times are epoch milliseconds. */
import { SignatureResult } from '../core/signature.js';

export const JobState = {
  ready: 'ready',
  running: 'running',
  completed: 'completed',
  excepted: 'excepted',
  skipped: 'skipped',
} as const;
export type JobState = (typeof JobState)[keyof typeof JobState];

/** A job to enqueue. */
export interface NewJob {
  lane: string;
  task: string;
  payload: unknown;
  /** Higher runs first within a lane. Default 0. */
  priority?: number;
  /** Earliest start, epoch ms. Default now. */
  runAt?: number;
  /** Default the lane's maxAttempts. */
  maxAttempts?: number;
  /** Jobs with the same key run one at a time, in enqueue order. */
  orderingKey?: string;
  /** Enqueueing the same key twice yields one job. */
  idempotencyKey?: string;
  /** Partner the job talks to, for filtering exceptions and breakers. */
  partner?: string;
  /** Serialised trace context (W3C traceparent) carried across the queue. */
  trace?: string;
}

export interface EnqueueResult {
  id: number;
  /** False when the idempotency key already existed. */
  created: boolean;
}

/** One failed attempt, kept on the job and copied into its exception. */
export interface AttemptRecord {
  attempt: number;
  at: number;
  code: string;
  message: string;
  retryable: boolean;
}

export interface JobRecord {
  id: number;
  lane: string;
  task: string;
  payload: unknown;
  priority: number;
  runAt: number;
  attempts: number;
  maxAttempts: number;
  state: JobState;
  leaseUntil: number | null;
  leaseToken: string | null;
  lockedBy: string | null;
  orderingKey: string | null;
  idempotencyKey: string | null;
  partner: string | null;
  errors: AttemptRecord[];
  trace: string | null;
  createdAt: number;
  updatedAt: number;
  completedAt: number | null;
}

export interface LeaseRequest {
  lane: string;
  limit: number;
  leaseMs: number;
  workerId: string;
  now: number;
}

/** A leased job is identified by its id and the token of this lease. */
export interface LeaseHandle {
  id: number;
  token: string;
}

export interface NewException {
  code: string;
  message: string;
  impact: string;
  partner: string | null;
  entities: Record<string, string | number>;
}

export const ExceptionStatus = {
  open: 'open',
  replayed: 'replayed',
  skipped: 'skipped',
  resolved: 'resolved',
} as const;
export type ExceptionStatus = (typeof ExceptionStatus)[keyof typeof ExceptionStatus];

export interface ExceptionRecord {
  id: number;
  jobId: number;
  lane: string;
  task: string;
  code: string;
  message: string;
  impact: string;
  partner: string | null;
  payload: unknown;
  history: AttemptRecord[];
  entities: Record<string, string | number>;
  status: ExceptionStatus;
  createdAt: number;
  updatedAt: number;
  resolvedAt: number | null;
  resolvedBy: string | null;
  resolutionNote: string | null;
}

export interface ExceptionFilter {
  ids?: number[];
  status?: ExceptionStatus;
  code?: string;
  lane?: string;
  task?: string;
  partner?: string;
  impact?: string;
  /** created_at ≥ from (epoch ms). */
  from?: number;
  /** created_at < to (epoch ms). */
  to?: number;
  limit?: number;
}

export const InboxStatus = {
  accepted: 'accepted',
  rejected: 'rejected',
  processed: 'processed',
  failed: 'failed',
} as const;
export type InboxStatus = (typeof InboxStatus)[keyof typeof InboxStatus];

export { SignatureResult };

export interface InboxMessage {
  source: string;
  kind: string;
  receivedAt: number;
  headers: Record<string, string>;
  body: Buffer;
  signature: SignatureResult;
  /** Null for rejected messages: they are stored, never deduped or processed. */
  dedupeKey: string | null;
  status: InboxStatus;
  reason?: string;
}

export interface InboxRecord extends Omit<InboxMessage, 'reason'> {
  id: number;
  reason: string | null;
  duplicateCount: number;
  lastDuplicateAt: number | null;
  jobId: number | null;
  processedAt: number | null;
}

export interface AuditEntry {
  at: number;
  actor: string;
  action: string;
  targetKind: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
}
