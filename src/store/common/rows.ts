import type { Selectable } from 'kysely';
import type { ExceptionsTable, InboxTable, JobsTable } from '../schema.js';
import type {
  AttemptRecord,
  ExceptionRecord,
  ExceptionStatus,
  InboxRecord,
  InboxStatus,
  JobRecord,
  JobState,
  SignatureResult,
} from '../types.js';

export function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback;
  return JSON.parse(text) as T;
}

/** Row → record. Numbers may arrive as strings from drivers that do not parse bigint; coerce. */
export function toJobRecord(r: Selectable<JobsTable>): JobRecord {
  return {
    id: Number(r.id),
    lane: r.lane,
    task: r.task,
    payload: parseJson<unknown>(r.payload, null),
    priority: Number(r.priority),
    runAt: Number(r.run_at),
    attempts: Number(r.attempts),
    maxAttempts: Number(r.max_attempts),
    state: r.state as JobState,
    leaseUntil: r.lease_until === null ? null : Number(r.lease_until),
    leaseToken: r.lease_token,
    lockedBy: r.locked_by,
    orderingKey: r.ordering_key,
    idempotencyKey: r.idempotency_key,
    partner: r.partner,
    errors: parseJson<AttemptRecord[]>(r.errors, []),
    trace: r.trace,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    completedAt: r.completed_at === null ? null : Number(r.completed_at),
  };
}

export function toExceptionRecord(r: Selectable<ExceptionsTable>): ExceptionRecord {
  return {
    id: Number(r.id),
    jobId: Number(r.job_id),
    lane: r.lane,
    task: r.task,
    code: r.code,
    message: r.message,
    impact: r.impact,
    partner: r.partner,
    payload: parseJson<unknown>(r.payload, null),
    history: parseJson<AttemptRecord[]>(r.history, []),
    entities: parseJson<Record<string, string | number>>(r.entities, {}),
    status: r.status as ExceptionStatus,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    resolvedAt: r.resolved_at === null ? null : Number(r.resolved_at),
    resolvedBy: r.resolved_by,
    resolutionNote: r.resolution_note,
  };
}

export function toInboxRecord(r: Selectable<InboxTable>): InboxRecord {
  return {
    id: Number(r.id),
    source: r.source,
    kind: r.kind,
    receivedAt: Number(r.received_at),
    headers: parseJson<Record<string, string>>(r.headers, {}),
    body: Buffer.from(r.body),
    signature: r.signature as SignatureResult,
    dedupeKey: r.dedupe_key,
    status: r.status as InboxStatus,
    reason: r.reason,
    duplicateCount: Number(r.duplicate_count),
    lastDuplicateAt: r.last_duplicate_at === null ? null : Number(r.last_duplicate_at),
    jobId: r.job_id === null ? null : Number(r.job_id),
    processedAt: r.processed_at === null ? null : Number(r.processed_at),
  };
}
