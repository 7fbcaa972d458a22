import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { AuditEntry } from '../types.js';
import { auditRow } from '../common/auditRows.js';

/** Appends many audit entries in one statement (a bulk chunk's); nothing updates or deletes them. */
export async function appendAuditEntries(db: Kysely<DB>, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.insertInto('audit_log').values(entries.map(auditRow)).execute();
}
