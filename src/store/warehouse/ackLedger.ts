import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../schema.js';

/** A functional group we sent, waiting for (or matched to) the partner's 997. */
export interface LedgerGroup {
  partner: string;
  functionalId: string;
  groupControl: string;
  interchangeControl: string;
  sets: { id: string; controlNumber: string }[];
  sentAt: number;
  ackDueAt: number | null;
  ackedAt: number | null;
  ackStatus: string | null;
  alertedAt: number | null;
}

type Row = DB['x12_ack_ledger'];

function toGroup(r: Selectable<Row>): LedgerGroup {
  const n = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
  return {
    partner: r.partner,
    functionalId: r.functional_id,
    groupControl: r.group_control,
    interchangeControl: r.interchange_control,
    sets: JSON.parse(r.sets) as LedgerGroup['sets'],
    sentAt: Number(r.sent_at),
    ackDueAt: n(r.ack_due_at),
    ackedAt: n(r.acked_at),
    ackStatus: r.ack_status,
    alertedAt: n(r.alerted_at),
  };
}

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

/** Groups of `partner` with this GS01 (for matching a 997; GS06 is compared numerically by the caller). */
export async function groupsByFunction(
  db: Kysely<DB>,
  partner: string,
  functionalId: string,
): Promise<LedgerGroup[]> {
  const rows = await db
    .selectFrom('x12_ack_ledger')
    .selectAll()
    .where('partner', '=', partner)
    .where('functional_id', '=', functionalId)
    .execute();
  return rows.map(toGroup);
}

export async function markGroupAcked(
  db: Kysely<DB>,
  g: { partner: string; functionalId: string; groupControl: string },
  status: string,
  now: number,
): Promise<void> {
  await db
    .updateTable('x12_ack_ledger')
    .set({ acked_at: now, ack_status: status })
    .where('partner', '=', g.partner)
    .where('functional_id', '=', g.functionalId)
    .where('group_control', '=', g.groupControl)
    .execute();
}

/** Groups still unacknowledged at `now` past their deadline and not yet alerted. */
export async function overdueGroups(db: Kysely<DB>, now: number): Promise<LedgerGroup[]> {
  const rows = await db
    .selectFrom('x12_ack_ledger')
    .selectAll()
    .where('acked_at', 'is', null)
    .where('alerted_at', 'is', null)
    .where('ack_due_at', 'is not', null)
    .where('ack_due_at', '<=', now)
    .execute();
  return rows.map(toGroup);
}

export async function markGroupAlerted(
  db: Kysely<DB>,
  g: { partner: string; functionalId: string; groupControl: string },
  now: number,
): Promise<void> {
  await db
    .updateTable('x12_ack_ledger')
    .set({ alerted_at: now })
    .where('partner', '=', g.partner)
    .where('functional_id', '=', g.functionalId)
    .where('group_control', '=', g.groupControl)
    .execute();
}

/** Every group of a partner, oldest first. */
export async function listGroups(db: Kysely<DB>, partner: string): Promise<LedgerGroup[]> {
  const rows = await db
    .selectFrom('x12_ack_ledger')
    .selectAll()
    .where('partner', '=', partner)
    .orderBy('sent_at')
    .execute();
  return rows.map(toGroup);
}
