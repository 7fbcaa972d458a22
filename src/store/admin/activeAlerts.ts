import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { type AlertRow, toRow } from './alertRows.js';

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
