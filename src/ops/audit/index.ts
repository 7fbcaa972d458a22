/**
 * The audit trail: every change and action with who, what, before/after and when. Entries are
 * written in the transaction of the change they describe, so a change is never without its entry
 * and an entry never without its change; the table refuses updates and deletes (migration 0003).
 */
import type { Store, StoreSession } from '../../store/index.js';
import type { AuditFilter, AuditRecord } from '../../store/common/index.js';

export type { AuditFilter, AuditRecord } from '../../store/common/index.js';

/** What an audited action is about. */
export interface AuditTarget {
  actor: string;
  /** Dotted verb: `lane.pause`, `mapping.set`, `token.revoke` ... */
  action: string;
  targetKind: string;
  targetId: string;
}

/** What an audited change returns: the state before and after, and the caller's result. */
export interface AuditedChange<T> {
  before: unknown;
  after: unknown;
  result: T;
}

/**
 * Runs `change` in one transaction and appends its audit entry there. When `change` returns
 * `null` nothing changed and nothing is recorded.
 */
export async function withAudit<T>(
  store: Store,
  target: AuditTarget,
  now: number,
  change: (tx: StoreSession) => Promise<AuditedChange<T> | null>,
): Promise<T | null> {
  return store.transaction(async (tx) => {
    const c = await change(tx);
    if (c === null) return null;
    await tx.audit.appendAudit({ ...target, at: now, before: c.before, after: c.after });
    return c.result;
  });
}

/** Reads the trail, newest first. */
export function readAudit(store: Store, filter: AuditFilter): Promise<AuditRecord[]> {
  return store.audit.listAudit(filter);
}
