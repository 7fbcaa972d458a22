import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { LedgerGroup } from './ledgerRows.js';

/** Records sent groups (idempotent: a group already recorded keeps its first row). */
export async function recordSentGroups(
  db: Kysely<DB>,
  groups: Omit<LedgerGroup, 'ackedAt' | 'ackStatus' | 'alertedAt'>[],
): Promise<void> {
  if (groups.length === 0) return;
  await db
    .insertInto('x12_ack_ledger')
    .values(
      groups.map((g) => ({
        partner: g.partner,
        functional_id: g.functionalId,
        group_control: g.groupControl,
        interchange_control: g.interchangeControl,
        sets: JSON.stringify(g.sets),
        sent_at: g.sentAt,
        ack_due_at: g.ackDueAt,
      })),
    )
    .onConflict((oc) => oc.columns(['partner', 'functional_id', 'group_control']).doNothing())
    .execute();
}
