import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { type AlertNotice, toRow } from './alertRows.js';

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
