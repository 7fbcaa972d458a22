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
