import type { Clock } from '../../../core/clock.js';
import { FerryError } from '../../../core/errors.js';
import { jsonDiff, type JsonChange } from '../../../core/jsonDiff.js';
import type { ExceptionRecord, Store } from '../../../store/index.js';
import type { ExceptionItemRow, ExceptionPageFilter } from '../../../store/console/index.js';
import { withAudit } from '../../../ops/audit/index.js';
import { codesOf, errorClassOf, fixInWords, type ErrorClass } from './errorClass.js';

/** The queue's tabs: open, or everything closed (replayed, skipped, resolved); or one closed status. */
export const QUEUE_STATUSES = ['open', 'resolved', 'replayed', 'skipped'] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];
const STATUS_SET: Record<QueueStatus, readonly string[]> = {
  open: ['open'],
  resolved: ['replayed', 'skipped', 'resolved'],
  replayed: ['replayed'],
  skipped: ['skipped'],
};

/** A console query of the exception queue. */
export interface QueueQuery {
  status: QueueStatus;
  lane?: string | undefined;
  code?: string | undefined;
  errorClass?: ErrorClass | undefined;
  impact?: string | undefined;
  task?: string | undefined;
  partner?: string | undefined;
  /** Exactly this channel, of the order the exception's job works on. */
  channel?: string | undefined;
  /** A user id, `me`, or `none` (unassigned). */
  assignee?: string | undefined;
  q?: string | undefined;
  minAgeMs?: number | undefined;
  maxAgeMs?: number | undefined;
  changedSince?: number | undefined;
}

/** One row of the queue: what failed, which rule and values, the fix in words, and who has it. */
export interface QueueItem {
  id: number;
  status: string;
  impact: string;
  errorClass: ErrorClass;
  code: string;
  lane: string;
  task: string;
  partner: string | null;
  message: string;
  /** The rule that failed (the flow names it), else the code. */
  rule: string;
  /** The values it failed on: the ids and fields the flow recorded (order, line, SKU, currency …). */
  values: Record<string, string | number>;
  fix: string;
  assignee: { id: number; name: string } | null;
  attempts: number;
  createdAt: number;
  updatedAt: number;
  resolvedAt: number | null;
  resolvedBy: string | null;
  resolutionNote: string | null;
}

/** A payload diff for the inspector. */
export interface PayloadDiff {
  from: { label: string; exceptionId?: number; payload: unknown };
  to: { label: string; exceptionId?: number; payload: unknown };
  changes: JsonChange[];
}

const encodeCursor = (id: number): string => Buffer.from(`e:${id}`).toString('base64url');
function decodeCursor(c: string): number {
  const m = /^e:(\d+)$/.exec(Buffer.from(c, 'base64url').toString());
  if (!m) throw new FerryError('bad_request', `cursor "${c}" is not one this API gave out`);
  return Number(m[1]);
}

/** The console's exception queue: filtered keyset pages, assignment, and payload diffs. */
export class ExceptionQueue {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** The filter a query stands for, as the store takes it (`me` needs the caller's user id). */
  filterOf(q: QueueQuery, me: number | null): ExceptionPageFilter {
    const now = this.clock.now();
    const f: ExceptionPageFilter = { statuses: STATUS_SET[q.status] };
    if (q.lane) f.lane = q.lane;
    if (q.code && q.errorClass) f.codes = codesOf(q.errorClass).filter((c) => c === q.code);
    else if (q.code) f.codes = [q.code];
    else if (q.errorClass) f.codes = codesOf(q.errorClass);
    if (q.impact) f.impact = q.impact;
    if (q.task) f.task = q.task;
    if (q.partner) f.partner = q.partner;
    if (q.channel) f.channel = q.channel;
    if (q.q) f.q = q.q;
    if (q.minAgeMs !== undefined) f.to = now - q.minAgeMs;
    if (q.maxAgeMs !== undefined) f.from = now - q.maxAgeMs;
    if (q.changedSince !== undefined) f.changedSince = q.changedSince;
    if (q.assignee !== undefined) {
      if (q.assignee === 'none') f.assigneeId = null;
      else if (q.assignee === 'me') f.assigneeId = me ?? -1;
      else if (/^\d+$/.test(q.assignee)) f.assigneeId = Number(q.assignee);
      else throw new FerryError('bad_request', `assignee "${q.assignee}": expected a user id, me or none`);
    }
    return f;
  }

  /** One page, newest first; `nextCursor` is null on the last page. */
  async page(
    q: QueueQuery,
    page: { cursor?: string | undefined; limit: number },
    me: number | null,
  ): Promise<{ items: QueueItem[]; nextCursor: string | null; total: number; serverTime: number }> {
    const serverTime = this.clock.now();
    const beforeId = page.cursor ? decodeCursor(page.cursor) : undefined;
    const { items, total } = await this.store.exceptionQueue.exceptionPage(this.filterOf(q, me), {
      ...(beforeId !== undefined ? { beforeId } : {}),
      limit: page.limit,
    });
    const names = await this.userNames(items);
    return {
      items: items.map((r) => toItem(r, names)),
      nextCursor: items.length === page.limit ? encodeCursor(items.at(-1)!.id) : null,
      total,
      serverTime,
    };
  }

  /** Assigns an exception to a user (null: nobody); audited. */
  async assign(
    id: number,
    userId: number | null,
    actor: string,
  ): Promise<{ id: number; assignee: QueueItem['assignee'] }> {
    const user = userId === null ? null : await this.store.users.findUser({ id: userId });
    if (userId !== null && (!user || user.disabledAt !== null))
      throw new FerryError('not_found', `user ${userId} does not exist or is disabled`);
    const now = this.clock.now();
    const done = await withAudit(
      this.store,
      { actor, action: 'exception.assign', targetKind: 'exception', targetId: String(id) },
      now,
      async (tx) => {
        const r = await tx.exceptionQueue.assignException(id, userId, now);
        if (!r) throw new FerryError('not_found', `exception ${id} does not exist`);
        return r.before === userId
          ? null
          : {
              before: { assigneeId: r.before },
              after: { assigneeId: userId, assignee: user?.name ?? null },
              result: true,
            };
      },
    );
    void done;
    return { id, assignee: user ? { id: user.id, name: user.name } : null };
  }

  /**
   * The payload of this exception against the one parked before it for the same business key
   * (`previous`), or against the payload it was replayed with after an edit (`edited`).
   */
  async diff(e: ExceptionRecord, against: 'previous' | 'edited'): Promise<PayloadDiff> {
    if (against === 'previous') {
      const prev = await this.store.exceptionQueue.previousException(e.id);
      if (!prev)
        throw new FerryError(
          'not_found',
          `exception ${e.id} has no earlier exception for the same order and task`,
        );
      return {
        from: {
          label: `exception ${prev.id} (previous attempt)`,
          exceptionId: prev.id,
          payload: prev.payload,
        },
        to: { label: `exception ${e.id}`, exceptionId: e.id, payload: e.payload },
        changes: jsonDiff(prev.payload, e.payload),
      };
    }
    const [edit] = await this.store.audit.listAudit({
      action: 'exception.edit_replay',
      targetKind: 'exception',
      targetId: String(e.id),
      limit: 1,
    });
    if (!edit) throw new FerryError('not_found', `exception ${e.id} was not edited and replayed`);
    const before = (edit.before as { payload?: unknown } | null)?.payload;
    const after = (edit.after as { payload?: unknown } | null)?.payload;
    return this.preview(e, after, before, `edited by ${edit.actor}`);
  }

  /** The stored payload against an edited one, before edit-and-replay. */
  preview(e: ExceptionRecord, edited: unknown, original: unknown = e.payload, label = 'edited'): PayloadDiff {
    return {
      from: { label: `exception ${e.id} as parked`, exceptionId: e.id, payload: original },
      to: { label, payload: edited },
      changes: jsonDiff(original, edited),
    };
  }

  private async userNames(items: ExceptionItemRow[]): Promise<Map<number, string>> {
    if (!items.some((i) => i.assigneeId !== null)) return new Map();
    const users = await this.store.users.listUsers(this.clock.now());
    return new Map(users.map((u) => [u.id, u.name]));
  }
}

function toItem(r: ExceptionItemRow, names: Map<number, string>): QueueItem {
  const { rule, ...values } = r.entities;
  return {
    id: r.id,
    status: r.status,
    impact: r.impact,
    errorClass: errorClassOf(r.code),
    code: r.code,
    lane: r.lane,
    task: r.task,
    partner: r.partner,
    message: r.message,
    rule: rule === undefined ? r.code : String(rule),
    values,
    fix: fixInWords(r.code, r.message),
    assignee:
      r.assigneeId === null
        ? null
        : { id: r.assigneeId, name: names.get(r.assigneeId) ?? `#${r.assigneeId}` },
    attempts: r.history.length,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    resolvedAt: r.resolvedAt,
    resolvedBy: r.resolvedBy,
    resolutionNote: r.resolutionNote,
  };
}
