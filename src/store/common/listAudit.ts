import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { type AuditFilter, type AuditRecord, toAuditRecord, whereAudit } from './auditRows.js';

/** The audit trail, newest first. */
export async function listAudit(db: Kysely<DB>, f: AuditFilter): Promise<AuditRecord[]> {
  const rows = await whereAudit(db.selectFrom('audit_log').selectAll(), f)
    .orderBy('id', 'desc')
    .limit(f.limit ?? 100)
    .execute();
  return rows.map(toAuditRecord);
}
