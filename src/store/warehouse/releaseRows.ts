import type { Selectable } from 'kysely';
import type { WarehouseReleasesTable } from '../schema.js';

/** Release states: pending (recorded, not yet sent), sent, acknowledged, cancelled. */
export interface ReleaseRow {
  id: number;
  orderRef: string;
  warehouse: string;
  state: string;
  request: unknown;
  externalRef: string | null;
  ackDueAt: number | null;
  ackedAt: number | null;
  alertedAt: number | null;
  /** Trace context of the job that sent it, for the shipment's sync to continue; null before it was sent. */
  trace: string | null;
  createdAt: number;
  updatedAt: number;
}

const num = (v: number | null): number | null => (v === null ? null : Number(v));

export function toRelease(r: Selectable<WarehouseReleasesTable>): ReleaseRow {
  return {
    id: Number(r.id),
    orderRef: r.order_ref,
    warehouse: r.warehouse,
    state: r.state,
    request: JSON.parse(r.request) as unknown,
    externalRef: r.external_ref,
    ackDueAt: num(r.ack_due_at),
    ackedAt: num(r.acked_at),
    alertedAt: num(r.alerted_at),
    trace: r.trace,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}
