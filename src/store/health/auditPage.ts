import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { parseJson } from '../common/rows.js';
import { likeLiteral } from '../admin/like.js';
import type { AuditFilter, AuditRecord } from '../admin/audit.js';

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
  let q = db.selectFrom('audit_log');
  if (f.actor) q = q.where('actor', '=', f.actor);
  if (f.action)
    q = f.action.endsWith('.')
      ? q.where(likeLiteral('action', { text: f.action, after: '%' }))
      : q.where('action', '=', f.action);
  if (f.targetKind) q = q.where('target_kind', '=', f.targetKind);
  if (f.targetId) q = q.where('target_id', '=', f.targetId);
  if (f.from !== undefined) q = q.where('at', '>=', f.from);
  if (f.to !== undefined) q = q.where('at', '<', f.to);
  if (f.changedSince !== undefined) q = q.where('at', '>', f.changedSince);
  const total = q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  if (page.beforeId !== undefined) q = q.where('id', '<', page.beforeId);
  const rows = await q.selectAll().orderBy('id', 'desc').limit(page.limit).execute();
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      at: Number(r.at),
      actor: r.actor,
      action: r.action,
      targetKind: r.target_kind,
      targetId: r.target_id,
      before: parseJson<unknown>(r.before, null),
      after: parseJson<unknown>(r.after, null),
    })),
    total: Number((await total)?.n ?? 0),
  };
}
