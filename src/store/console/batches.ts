import type { Selectable } from 'kysely';
import type { ConsoleBatchesTable } from '../schema.js';
import { parseJson } from '../common/rows.js';

/** A bulk action on exceptions, run server-side in chunks. */
export interface BatchRow {
  id: number;
  action: string;
  reason: string;
  actor: string;
  ids: number[];
  total: number;
  /** How many ids from the start have been attempted. */
  position: number;
  done: number;
  failed: number;
  status: string;
  failures: { id: number; reason: string }[];
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
}

/** Row → record. */
export function toBatch(r: Selectable<ConsoleBatchesTable>): BatchRow {
  return {
    id: Number(r.id),
    action: r.action,
    reason: r.reason,
    actor: r.actor,
    ids: parseJson<number[]>(r.ids, []),
    total: Number(r.total),
    position: Number(r.position),
    done: Number(r.done),
    failed: Number(r.failed),
    status: r.status,
    failures: parseJson<{ id: number; reason: string }[]>(r.failures, []),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    finishedAt: r.finished_at === null ? null : Number(r.finished_at),
  };
}
