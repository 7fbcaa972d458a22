import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** X12 functional groups a partner has not acknowledged (997) by their deadline. */
export interface UnacknowledgedInterchanges {
  partner: string;
  /** Groups past their deadline with no 997. */
  groups: number;
  /** ISA13 of the longest-overdue interchange, and its deadline (epoch ms). */
  oldestInterchange: string;
  oldestDueAt: number;
}

/**
 * Per partner, the groups still without a 997 at `now` past their deadline (the ack ledger). Unlike
 * the fulfilment flow's one-time exception, this stays true until the 997 arrives, so an alert
 * built on it fires for as long as the interchange is unacknowledged.
 */
export async function unacknowledgedInterchanges(
  db: Kysely<DB>,
  now: number,
): Promise<UnacknowledgedInterchanges[]> {
  const rows = await db
    .selectFrom('x12_ack_ledger')
    .select(['partner', 'interchange_control', 'ack_due_at'])
    .where('acked_at', 'is', null)
    .where('ack_due_at', 'is not', null)
    .where('ack_due_at', '<=', now)
    .orderBy('ack_due_at')
    .execute();
  const out = new Map<string, UnacknowledgedInterchanges>();
  for (const r of rows) {
    const seen = out.get(r.partner);
    if (seen) seen.groups += 1;
    else
      out.set(r.partner, {
        partner: r.partner,
        groups: 1,
        oldestInterchange: r.interchange_control,
        oldestDueAt: Number(r.ack_due_at),
      });
  }
  return [...out.values()];
}
