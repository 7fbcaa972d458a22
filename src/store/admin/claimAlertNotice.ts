import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { AlertNotice } from './alertRows.js';

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
