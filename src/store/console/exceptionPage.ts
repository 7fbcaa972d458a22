import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { DB } from '../schema.js';
import type { ExceptionRecord } from '../types.js';
import { toExceptionRecord } from '../common/rows.js';
import { likeLiteral } from '../common/like.js';

/** What the console's exception queue filters on; every field narrows. */
export interface ExceptionPageFilter {
  /** Statuses to include (open; or the closed ones: replayed, skipped, resolved). */
  statuses: readonly string[];
  ids?: readonly number[];
  lane?: string;
  /** Any of these codes (an error class stands for its codes). */
  codes?: readonly string[];
  impact?: string;
  task?: string;
  partner?: string;
  /** A user id, or null for unassigned. */
  assigneeId?: number | null;
  /** Exact id, or text within the message or the entities (ids, SKUs, rule names). */
  q?: string;
  /** created_at ≥ from, created_at < to (epoch ms). */
  from?: number;
  to?: number;
  /** Only exceptions changed after this (epoch ms), for polling. */
  changedSince?: number;
}

/** An exception as the console lists it: the record and whom it is assigned to. */
export interface ExceptionItemRow extends ExceptionRecord {
  assigneeId: number | null;
}

type Q = SelectQueryBuilder<DB, 'exceptions', object>;

/** The filter as WHERE clauses; shared by the page and its total. */
export function whereExceptions(q: Q, f: ExceptionPageFilter): Q {
  q = q.where('status', 'in', [...f.statuses]);
  if (f.ids) q = q.where('id', 'in', f.ids.length ? [...f.ids] : [-1]);
  if (f.lane) q = q.where('lane', '=', f.lane);
  if (f.codes) q = q.where('code', 'in', f.codes.length ? [...f.codes] : ['']);
  if (f.impact) q = q.where('impact', '=', f.impact);
  if (f.task) q = q.where('task', '=', f.task);
  if (f.partner) q = q.where('partner', '=', f.partner);
  if (f.assigneeId !== undefined)
    q =
      f.assigneeId === null ? q.where('assignee_id', 'is', null) : q.where('assignee_id', '=', f.assigneeId);
  if (f.from !== undefined) q = q.where('created_at', '>=', f.from);
  if (f.to !== undefined) q = q.where('created_at', '<', f.to);
  if (f.changedSince !== undefined) q = q.where('updated_at', '>', f.changedSince);
  const text = f.q?.trim();
  if (text) {
    const id = /^\d{1,15}$/.test(text) ? Number(text) : null;
    q = q.where((eb) =>
      eb.or([
        ...(id !== null ? [eb('id', '=', id)] : []),
        likeLiteral('message', { before: '%', text, after: '%' }),
        likeLiteral('entities', { before: '%', text, after: '%' }),
      ]),
    );
  }
  return q;
}

/**
 * One page of the exception queue, newest first, after the keyset cursor `beforeId` (ids below
 * it): the page costs the same on the thousandth page as on the first, where an offset would
 * read and drop every row before it. `total` counts every match, without the cursor.
 */
export async function exceptionPage(
  db: Kysely<DB>,
  f: ExceptionPageFilter,
  page: { beforeId?: number; limit: number },
): Promise<{ items: ExceptionItemRow[]; total: number }> {
  let q = whereExceptions(db.selectFrom('exceptions'), f);
  const totalQ = q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  if (page.beforeId !== undefined) q = q.where('id', '<', page.beforeId);
  const rows = await q.selectAll().orderBy('id', 'desc').limit(page.limit).execute();
  const total = Number((await totalQ)?.n ?? 0);
  return {
    items: rows.map((r) => ({
      ...toExceptionRecord(r),
      assigneeId: r.assignee_id === null ? null : Number(r.assignee_id),
    })),
    total,
  };
}
