import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { AlertFinding } from './alertRows.js';
import { activeAlerts } from './activeAlerts.js';

/**
 * Applies one evaluation of a rule evaluated apart (see EVALUATED_APART): its alerts found start
 * or are updated, its open alerts no longer found end; other rules' alerts are left alone. Run it in
 * a transaction.
 */
export async function recordRuleAlerts(
  db: Kysely<DB>,
  rule: string,
  found: readonly AlertFinding[],
  now: number,
): Promise<void> {
  const open = (await activeAlerts(db)).filter((a) => a.rule === rule);
  const bySubject = new Map(open.map((a) => [a.subject, a]));
  for (const f of found) {
    const prev = bySubject.get(f.subject);
    if (!prev)
      await db
        .insertInto('alerts')
        .values({ rule, subject: f.subject, message: f.message, since: now })
        .execute();
    else if (prev.message !== f.message)
      await db.updateTable('alerts').set({ message: f.message }).where('id', '=', prev.id).execute();
  }
  const subjects = new Set(found.map((f) => f.subject));
  const ended = open.filter((a) => !subjects.has(a.subject)).map((a) => a.id);
  if (ended.length)
    await db.updateTable('alerts').set({ resolved_at: now }).where('id', 'in', ended).execute();
}
