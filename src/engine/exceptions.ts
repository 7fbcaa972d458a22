import type { Clock } from '../core/clock.js';
import { FerryError } from '../core/errors.js';
import { jsonDiff } from '../core/jsonDiff.js';
import type { ExceptionFilter, ExceptionRecord, Store, StoreSession } from '../store/index.js';

/**
 * The exception queue's actions for people: replay one or a filtered set, edit the payload and
 * replay, skip with a reason. Every action is written to the audit trail with who and when, in
 * the same transaction as the action itself.
 */
export class ExceptionService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  list(filter: ExceptionFilter): Promise<ExceptionRecord[]> {
    return this.store.exceptions.listExceptions(filter);
  }

  async show(id: number): Promise<ExceptionRecord> {
    const e = await this.store.exceptions.getException(id);
    if (!e) throw new FerryError('not_found', `exception ${id} does not exist`);
    return e;
  }

  /** Replays one open exception; refuses one that is not open, naming its status. */
  async replay(id: number, actor: string): Promise<void> {
    const e = await this.show(id);
    if (e.status !== 'open')
      throw new FerryError('conflict', `exception ${id} is ${e.status}, not open; nothing to replay`);
    await this.replayIds([id], actor);
  }

  /** Replays every open exception matching the filter; returns the ids replayed. */
  async replayMatching(filter: Omit<ExceptionFilter, 'status'>, actor: string): Promise<number[]> {
    const matches = await this.store.exceptions.listExceptions({
      ...filter,
      status: 'open',
      limit: filter.limit ?? 10_000,
    });
    return this.replayIds(
      matches.map((m) => m.id),
      actor,
    );
  }

  /** Replaces the job's payload, then replays it; before, after and the field-level diff are audited. */
  async editAndReplay(id: number, payload: unknown, actor: string): Promise<void> {
    const e = await this.show(id);
    if (e.status !== 'open')
      throw new FerryError('conflict', `exception ${id} is ${e.status}, not open; nothing to replay`);
    const now = this.clock.now();
    await this.store.transaction((tx) => applyEditReplay(tx, e, payload, { actor, now }));
  }

  async skip(id: number, reason: string, actor: string): Promise<void> {
    if (!reason.trim()) throw new FerryError('bad_request', 'a reason is required to skip an exception');
    const e = await this.show(id);
    if (e.status !== 'open')
      throw new FerryError('conflict', `exception ${id} is ${e.status}, not open; nothing to skip`);
    const now = this.clock.now();
    await this.store.transaction(async (tx) => {
      if (!(await tx.exceptions.skipException(id, { actor, reason, now })))
        throw new FerryError('conflict', `exception ${id} changed while being skipped; try again`);
      await tx.audit.appendAudit({
        at: now,
        actor,
        action: 'exception.skip',
        targetKind: 'exception',
        targetId: String(id),
        before: { status: 'open' },
        after: { status: 'skipped', reason },
      });
    });
  }

  private async replayIds(ids: number[], actor: string): Promise<number[]> {
    if (ids.length === 0) return [];
    const now = this.clock.now();
    return this.store.transaction(async (tx) => {
      const done = await tx.exceptions.replayExceptions(ids, { actor, now });
      for (const id of done) {
        await tx.audit.appendAudit({
          at: now,
          actor,
          action: 'exception.replay',
          targetKind: 'exception',
          targetId: String(id),
          before: { status: 'open' },
          after: { status: 'replayed' },
        });
      }
      return done;
    });
  }
}

/**
 * Edit-and-replay inside the caller's transaction: the job of open exception `e` runs again with
 * `payload`, and the audit entry keeps the payload before, after and the field-level diff. `extra`
 * joins the entry's `after` (a four-eyes approval names its approver there).
 */
export async function applyEditReplay(
  tx: StoreSession,
  e: ExceptionRecord,
  payload: unknown,
  o: { actor: string; now: number; extra?: Record<string, unknown> },
): Promise<void> {
  const done = await tx.exceptions.replayExceptions([e.id], { actor: o.actor, now: o.now, payload });
  if (done.length !== 1)
    throw new FerryError('conflict', `exception ${e.id} changed while being replayed; try again`);
  await tx.audit.appendAudit({
    at: o.now,
    actor: o.actor,
    action: 'exception.edit_replay',
    targetKind: 'exception',
    targetId: String(e.id),
    before: { payload: e.payload },
    after: { payload, diff: jsonDiff(e.payload, payload), ...o.extra },
  });
}
