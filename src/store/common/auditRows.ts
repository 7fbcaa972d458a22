import type { Insertable, SelectQueryBuilder, Selectable } from 'kysely';
import type { AuditLogTable, DB } from '../schema.js';
import type { AuditEntry } from '../types.js';
import { parseJson } from './rows.js';
import { likeLiteral } from './like.js';

export interface AuditRecord {
  id: number;
  at: number;
  actor: string;
  action: string;
  targetKind: string;
  targetId: string;
  before: unknown;
  after: unknown;
}

export interface AuditFilter {
  actor?: string;
  /**
   * Exact action, or a prefix ending in `.` (`mapping.` matches every mapping action); % and _ are
   * plain characters.
   */
  action?: string;
  targetKind?: string;
  targetId?: string;
  /** at ≥ from (epoch ms). */
  from?: number;
  /** at < to (epoch ms). */
  to?: number;
  /** Default 100. */
  limit?: number;
}

/** The filter's conditions on a query of the audit trail (shared by the list and the keyset page). */
export function whereAudit<O>(
  q: SelectQueryBuilder<DB, 'audit_log', O>,
  f: Omit<AuditFilter, 'limit'>,
): SelectQueryBuilder<DB, 'audit_log', O> {
  if (f.actor) q = q.where('actor', '=', f.actor);
  if (f.action)
    q = f.action.endsWith('.')
      ? q.where(likeLiteral('action', { text: f.action, after: '%' }))
      : q.where('action', '=', f.action);
  if (f.targetKind) q = q.where('target_kind', '=', f.targetKind);
  if (f.targetId) q = q.where('target_id', '=', f.targetId);
  if (f.from !== undefined) q = q.where('at', '>=', f.from);
  if (f.to !== undefined) q = q.where('at', '<', f.to);
  return q;
}

export function toAuditRecord(r: Selectable<AuditLogTable>): AuditRecord {
  return {
    id: Number(r.id),
    at: Number(r.at),
    actor: r.actor,
    action: r.action,
    targetKind: r.target_kind,
    targetId: r.target_id,
    before: parseJson<unknown>(r.before, null),
    after: parseJson<unknown>(r.after, null),
  };
}

/** An audit entry as its row (the one writer's and the bulk writer's). */
export function auditRow(e: AuditEntry): Insertable<AuditLogTable> {
  return {
    at: e.at,
    actor: e.actor,
    action: e.action,
    target_kind: e.targetKind,
    target_id: e.targetId,
    before: e.before === undefined ? null : JSON.stringify(e.before),
    after: e.after === undefined ? null : JSON.stringify(e.after),
  };
}
