import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { toAuditRecord, whereAudit, type AuditFilter, type AuditRecord } from '../common/auditRows.js';

/** The audit filters, a keyset position and "changed since" for polling. */
export interface AuditPageFilter extends Omit<AuditFilter, 'limit'> {
  /** Only entries written after this (epoch ms): the trail is append-only, so new is changed. */
  changedSince?: number;
}

/**
 * One page of the audit trail, newest first, entries below `beforeId`: a keyset page costs the
 * same deep in years of history as on the first page. `total` counts every match without the cursor.
 */
export async function auditPage(
  db: Kysely<DB>,
  f: AuditPageFilter,
  page: { beforeId?: number; limit: number },
): Promise<{ items: AuditRecord[]; total: number }> {
  let q = whereAudit(db.selectFrom('audit_log'), f);
  if (f.changedSince !== undefined) q = q.where('at', '>', f.changedSince);
  const total = q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  if (page.beforeId !== undefined) q = q.where('id', '<', page.beforeId);
  const rows = await q.selectAll().orderBy('id', 'desc').limit(page.limit).execute();
  return {
    items: rows.map(toAuditRecord),
    total: Number((await total)?.n ?? 0),
  };
}
