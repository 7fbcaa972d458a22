import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { AlertFinding } from './alertRows.js';
import { activeAlerts } from './activeAlerts.js';

/**
 * Rules evaluated by their own scheduled task rather than the alert monitor (the completeness
 * report reads the partners, too slow for every evaluation): the monitor's evaluation leaves them.
 */
const EVALUATED_APART = new Set(['completeness']);

/**
 * Applies one evaluation: new findings start (since `now`), open alerts no longer found end, and
 * the message of one still firing is brought up to date. Run it in a transaction.
 */
export async function recordAlerts(
  db: Kysely<DB>,
  found: readonly AlertFinding[],
  now: number,
): Promise<void> {
  const open = (await activeAlerts(db)).filter((a) => !EVALUATED_APART.has(a.rule));
  const key = (a: { rule: string; subject: string }) => `${a.rule}\u0000${a.subject}`;
  const byKey = new Map(open.map((a) => [key(a), a]));
  const foundKeys = new Set(found.map(key));
  for (const f of found) {
    const prev = byKey.get(key(f));
    if (!prev)
      await db
        .insertInto('alerts')
        .values({ rule: f.rule, subject: f.subject, message: f.message, since: now })
        .execute();
    else if (prev.message !== f.message)
      await db.updateTable('alerts').set({ message: f.message }).where('id', '=', prev.id).execute();
  }
  const ended = open.filter((a) => !foundKeys.has(key(a))).map((a) => a.id);
  if (ended.length)
    await db.updateTable('alerts').set({ resolved_at: now }).where('id', 'in', ended).execute();
}
