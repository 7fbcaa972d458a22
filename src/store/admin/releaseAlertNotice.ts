import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { AlertNotice } from './alertRows.js';

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
