import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { AuditEntry } from '../types.js';

/** Appends many audit entries in one statement (a bulk chunk's); nothing updates or deletes them. */
export async function appendAuditEntries(db: Kysely<DB>, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('audit_log')
    .values(
      entries.map((e) => ({
        at: e.at,
        actor: e.actor,
        action: e.action,
        target_kind: e.targetKind,
        target_id: e.targetId,
        before: e.before === undefined ? null : JSON.stringify(e.before),
        after: e.after === undefined ? null : JSON.stringify(e.after),
      })),
    )
    .execute();
}
