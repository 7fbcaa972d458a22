import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { AuditEntry } from '../types.js';

/** Appends to the audit trail; nothing in Ferry updates or deletes these rows. */
export async function appendAudit(db: Kysely<DB>, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: e.at,
      actor: e.actor,
      action: e.action,
      target_kind: e.targetKind,
      target_id: e.targetId,
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
    })
    .execute();
}

/** Records what a handler in shadow mode would have written to a partner. */
export async function recordShadowWrite(
  db: Kysely<DB>,
  w: { lane: string; jobId: number; partner: string; operation: string; payload: unknown; at: number },
): Promise<void> {
  await db
    .insertInto('shadow_writes')
    .values({
      lane: w.lane,
      job_id: w.jobId,
      partner: w.partner,
      operation: w.operation,
      payload: JSON.stringify(w.payload),
      at: w.at,
    })
    .execute();
}
