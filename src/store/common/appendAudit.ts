import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { AuditEntry } from '../types.js';
import { auditRow } from './auditRows.js';

/** Appends to the audit trail; nothing in Ferry updates or deletes these rows. */
export async function appendAudit(db: Kysely<DB>, e: AuditEntry): Promise<void> {
  await db.insertInto('audit_log').values(auditRow(e)).execute();
}
