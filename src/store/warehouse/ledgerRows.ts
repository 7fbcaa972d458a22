import type { Selectable } from 'kysely';
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

export function toGroup(r: Selectable<Row>): LedgerGroup {
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
