/**
 * Alerts in the store: what fires now, what started or ended, and which notifications are owed.
 * The unique index on open (rule, subject) makes a second evaluator's insert of the same alert fail
 * rather than double it.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

export interface AlertRow {
  id: number;
  rule: string;
  subject: string;
  message: string;
  since: number;
  resolvedAt: number | null;
}

/** An alert found by one evaluation. */
export interface AlertFinding {
  rule: string;
  subject: string;
  message: string;
}

export interface AlertNotice {
  id: number;
  status: 'firing' | 'resolved';
  alert: AlertRow;
}

function toRow(r: {
  id: number;
  rule: string;
  subject: string;
  message: string;
  since: number | string;
  resolved_at: number | string | null;
}): AlertRow {
  return {
    id: Number(r.id),
    rule: r.rule,
    subject: r.subject,
    message: r.message,
    since: Number(r.since),
    resolvedAt: r.resolved_at === null ? null : Number(r.resolved_at),
  };
}

/** Alerts firing now, oldest first. */
export async function activeAlerts(db: Kysely<DB>): Promise<AlertRow[]> {
  const rows = await db
    .selectFrom('alerts')
    .select(['id', 'rule', 'subject', 'message', 'since', 'resolved_at'])
    .where('resolved_at', 'is', null)
    .orderBy('since')
    .orderBy('id')
    .execute();
  return rows.map(toRow);
}

/**
 * Rules evaluated by their own scheduled task rather than the alert monitor (the completeness
 * report reads the partners, too slow for every evaluation): the monitor's evaluation leaves them.
 */
const EVALUATED_APART = new Set(['completeness']);

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

/**
 * Notifications owed, oldest first: the start of every alert not yet announced that still fires,
 * and the end of every announced alert that ended. An alert that started and ended between two
 * announcements (the webhook was down, or none was configured) is not announced afterwards.
 */
export async function pendingAlertNotices(db: Kysely<DB>, limit = 100): Promise<AlertNotice[]> {
  const rows = await db
    .selectFrom('alerts')
    .select(['id', 'rule', 'subject', 'message', 'since', 'resolved_at', 'start_notified_at'])
    .where((eb) =>
      eb.or([
        eb.and([eb('resolved_at', 'is', null), eb('start_notified_at', 'is', null)]),
        eb.and([
          eb('resolved_at', 'is not', null),
          eb('start_notified_at', 'is not', null),
          eb('end_notified_at', 'is', null),
        ]),
      ]),
    )
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    status: r.resolved_at === null ? 'firing' : 'resolved',
    alert: toRow(r),
  }));
}

/**
 * Claims a notice before it is sent, so two evaluators never both send it: true for the one whose
 * conditional update took it. A send that fails gives it back with `releaseAlertNotice`.
 */
export async function claimAlertNotice(
  db: Kysely<DB>,
  notice: Pick<AlertNotice, 'id' | 'status'>,
  now: number,
): Promise<boolean> {
  const col = notice.status === 'firing' ? 'start_notified_at' : 'end_notified_at';
  const r = await db
    .updateTable('alerts')
    .set({ [col]: now })
    .where('id', '=', notice.id)
    .where(col, 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Gives a claimed notice back after its send failed; the next evaluation sends it again. */
export async function releaseAlertNotice(
  db: Kysely<DB>,
  notice: Pick<AlertNotice, 'id' | 'status'>,
): Promise<void> {
  const col = notice.status === 'firing' ? 'start_notified_at' : 'end_notified_at';
  await db
    .updateTable('alerts')
    .set({ [col]: null })
    .where('id', '=', notice.id)
    .execute();
}
