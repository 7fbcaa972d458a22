import type { Clock } from '../../../core/clock.js';
import { FerryError, isFerryError } from '../../../core/errors.js';
import { jsonDiff, type JsonChange } from '../../../core/jsonDiff.js';
import { applyEditReplay } from '../../../engine/index.js';
import type { ApprovalRow, ApprovalStatus } from '../../../store/approvals/index.js';
import type { Store, StoreSession } from '../../../store/index.js';
import { applyMappingChanges, type MappingWrite } from './applyMappingChanges.js';
import { exceptionRefusal, mappingRefusal, type Role } from '../../auth/index.js';

/** What a profile holds for a second person (`fourEyes` in the configuration). */
export interface FourEyes {
  /** Mapping and rule changes: set, remove, roll back, CSV import. */
  mappings: boolean;
  /** Edit-and-replay of an exception's payload. */
  editReplay: boolean;
}

export const NO_FOUR_EYES: FourEyes = { mappings: false, editReplay: false };

/** Who asks for or decides a change: the actor the audit names, the user, and the role that decides what they may do. */
export interface Person {
  actor: string;
  /** Null for the CLI and for tokens no user owns; the actor then tells people apart. */
  userId: number | null;
  role: Role;
}

/** One mapping change as it will be applied: the value (null removes) and the version it was asked against. */
export type MappingChange = MappingWrite;

/** The change a pending approval holds, by kind. */
export type HeldChange =
  | { kind: 'mappings'; changes: MappingChange[] }
  | { kind: 'edit-replay'; exceptionId: number; payload: unknown; diff: JsonChange[] };

/** An approval as the API shows it to one person: whether they may decide it, and if not, why. */
export interface ApprovalView extends ApprovalRow {
  summary: string;
  mayDecide: boolean;
  /** Why this person may not approve it (their own change, or their role); null when they may. */
  whyNot: string | null;
}

/** One change of a decision on several: decided, or why not. */
export type DecisionResult =
  | { id: number; ok: true; approval: ApprovalView }
  | { id: number; ok: false; error: { code: string; message: string } };

/** A driver's error code (SQLSTATE, SQLITE_BUSY), when the error has one. */
const codeOf = (e: unknown): string | undefined => {
  const c = (e as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c : undefined;
};

const label = (c: { kind: string; scope: string; key: string }): string => `${c.kind}/${c.scope}/${c.key}`;

/**
 * The same person: the same user (whichever token or session each came with), or the same actor
 * (the CLI's operating-system user, a token no user owns). Either one is enough to refuse.
 */
export function samePerson(
  a: { actor: string; userId: number | null },
  b: { actor: string; userId: number | null },
): boolean {
  return a.actor === b.actor || (a.userId !== null && a.userId === b.userId);
}

/** Who asked for a held change. */
const asker = (a: ApprovalRow) => ({ actor: a.requestedBy, userId: a.requestedUserId });

function summary(c: HeldChange): string {
  if (c.kind === 'edit-replay')
    return `edit exception ${c.exceptionId}'s payload (${c.diff.length} field${c.diff.length === 1 ? '' : 's'}) and replay it`;
  if (c.changes.length === 1) {
    const m = c.changes[0]!;
    return m.value === null ? `remove ${label(m)}` : `${label(m)}: ${m.from ?? '(none)'} → ${m.value}`;
  }
  return `${c.changes.length} mapping changes`;
}

/**
 * Four-eyes approvals (DESIGN §7): a change the profile holds waits as pending until a user other
 * than the one who asked approves it, and is applied in the transaction that records the decision,
 * with its audit entries. The check is here, behind every route and the CLI, not in the page.
 */
export class Approvals {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    readonly fourEyes: FourEyes = NO_FOUR_EYES,
  ) {}

  /** Holds mapping changes for a second person; the request is audited. */
  holdMappings(changes: MappingChange[], by: Person): Promise<ApprovalView> {
    if (changes.length === 0) throw new FerryError('bad_request', 'no mapping change to hold for approval');
    const target = changes.length === 1 ? label(changes[0]!) : `${changes.length} mappings`;
    return this.hold({ kind: 'mappings', changes }, target, by);
  }

  /** Holds an edit-and-replay for a second person; the request's audit entry carries the diff. */
  async holdEditReplay(exceptionId: number, payload: unknown, by: Person): Promise<ApprovalView> {
    const e = await this.store.exceptions.getException(exceptionId);
    if (!e) throw new FerryError('not_found', `exception ${exceptionId} does not exist`);
    if (e.status !== 'open')
      throw new FerryError(
        'conflict',
        `exception ${exceptionId} is ${e.status}, not open; nothing to replay`,
      );
    const diff = jsonDiff(e.payload, payload);
    return this.hold({ kind: 'edit-replay', exceptionId, payload, diff }, `exception ${exceptionId}`, by);
  }

  private async hold(change: HeldChange, target: string, by: Person): Promise<ApprovalView> {
    const now = this.clock.now();
    const row = await this.store.transaction(async (tx) => {
      const r = await tx.approvals.insertApproval({
        kind: change.kind,
        target,
        change,
        actor: by.actor,
        userId: by.userId,
        now,
      });
      await tx.audit.appendAudit({
        at: now,
        actor: by.actor,
        action: 'approval.request',
        targetKind: 'approval',
        targetId: String(r.id),
        before: null,
        after: { kind: change.kind, target, change },
      });
      return r;
    });
    return this.view(row, by);
  }

  /** Pending approvals oldest first (or decided ones newest first), each with whether `who` may decide it. */
  async list(
    f: { status?: ApprovalStatus; kind?: string | undefined; limit?: number },
    who: Person,
  ): Promise<ApprovalView[]> {
    const rows = await this.store.approvals.listApprovals({
      status: f.status ?? 'pending',
      kind: f.kind,
      limit: f.limit ?? 200,
    });
    return Promise.all(rows.map((r) => this.view(r, who)));
  }

  /** How many changes wait for a second person. */
  async pendingCount(): Promise<{ pending: number }> {
    return { pending: await this.store.approvals.countApprovals('pending') };
  }

  /**
   * Decides several held changes, one after another, each in its own transaction with its own
   * audit entry and under the same rules as one at a time (never one's own change, only what the
   * role may change itself): one refused or already decided does not stop the others, and each
   * answers for itself. An unexpected error on one (its transaction rolled back) is that one's
   * answer too, in general words, and goes to `log` without the change or its payload: the answer
   * always lists every id, since those before it may already be applied.
   */
  async decideMany(
    ids: readonly number[],
    decision: 'approve' | 'reject',
    by: Person,
    reason?: string,
    log?: (fields: Record<string, unknown>, message: string) => void,
  ): Promise<DecisionResult[]> {
    if (decision === 'reject' && !reason?.trim())
      throw new FerryError('bad_request', 'a reason is required to reject changes');
    const out: DecisionResult[] = [];
    for (const id of new Set(ids)) {
      try {
        const approval =
          decision === 'approve' ? await this.approve(id, by) : await this.reject(id, by, reason!);
        out.push({ id, ok: true, approval });
      } catch (e) {
        if (isFerryError(e)) {
          out.push({ id, ok: false, error: { code: e.code, message: e.message } });
          continue;
        }
        // The error's kind only: a driver's message may quote the values it was given.
        log?.(
          { approval: id, decision, error: e instanceof Error ? e.name : typeof e, code: codeOf(e) },
          'deciding one of several approvals failed unexpectedly; the others go on',
        );
        out.push({
          id,
          ok: false,
          error: {
            code: 'internal',
            message: `approval ${id} could not be decided: an unexpected error (logged)`,
          },
        });
      }
    }
    return out;
  }

  async get(id: number, who: Person): Promise<ApprovalView> {
    return this.view(await this.mustGet(this.store, id), who);
  }

  /** Approves and applies a pending change; refused to the person who asked for it. */
  async approve(id: number, by: Person): Promise<ApprovalView> {
    const now = this.clock.now();
    const row = await this.store.transaction(async (tx) => {
      const a = await this.mustGet(tx, id);
      this.mustBePending(a);
      if (samePerson(asker(a), by))
        throw new FerryError(
          'forbidden',
          `approval ${id}: ${by.actor} asked for this change and may not approve it; another user must (four-eyes)`,
        );
      const refusal = await this.refusal(tx, a, by.role);
      if (refusal) throw new FerryError('forbidden', `approval ${id}: ${refusal}`);
      const decided = await this.decide(tx, a, 'approved', by, now, null);
      await this.apply(tx, a.change as HeldChange, {
        requestedBy: a.requestedBy,
        approvedBy: by.actor,
        id,
        now,
      });
      return decided;
    });
    return this.view(row, by);
  }

  /** Rejects a pending change: nothing is applied. The person who asked may withdraw it this way. */
  async reject(id: number, by: Person, reason: string): Promise<ApprovalView> {
    if (!reason.trim()) throw new FerryError('bad_request', 'a reason is required to reject a change');
    const now = this.clock.now();
    const row = await this.store.transaction(async (tx) => {
      const a = await this.mustGet(tx, id);
      this.mustBePending(a);
      if (!samePerson(asker(a), by)) {
        const refusal = await this.refusal(tx, a, by.role);
        if (refusal) throw new FerryError('forbidden', `approval ${id}: ${refusal}`);
      }
      return this.decide(tx, a, 'rejected', by, now, reason);
    });
    return this.view(row, by);
  }

  private async decide(
    tx: StoreSession,
    a: ApprovalRow,
    status: 'approved' | 'rejected',
    by: Person,
    now: number,
    reason: string | null,
  ): Promise<ApprovalRow> {
    const d = await tx.approvals.decideApproval({
      id: a.id,
      status,
      actor: by.actor,
      userId: by.userId,
      now,
      reason,
    });
    if (!d) throw new FerryError('conflict', `approval ${a.id} was decided by someone else meanwhile`);
    await tx.audit.appendAudit({
      at: now,
      actor: by.actor,
      action: status === 'approved' ? 'approval.approve' : 'approval.reject',
      targetKind: 'approval',
      targetId: String(a.id),
      before: { status: 'pending', requestedBy: a.requestedBy, target: a.target },
      after: { status, ...(reason ? { reason } : {}), change: a.change },
    });
    return d;
  }

  /** Applies an approved change in the deciding transaction, in the name of who asked for it. */
  private async apply(
    tx: StoreSession,
    c: HeldChange,
    o: { requestedBy: string; approvedBy: string; id: number; now: number },
  ): Promise<void> {
    const extra = { approvedBy: o.approvedBy, approval: o.id };
    if (c.kind === 'edit-replay') {
      const e = await tx.exceptions.getException(c.exceptionId);
      if (!e || e.status !== 'open')
        throw new FerryError(
          'conflict',
          `approval ${o.id}: exception ${c.exceptionId} is ${e?.status ?? 'gone'}, not open; reject this change`,
        );
      return applyEditReplay(tx, e, c.payload, { actor: o.requestedBy, now: o.now, extra });
    }
    await applyMappingChanges(
      tx,
      c.changes.map((m) => ({ ...m, extra })),
      { actor: o.requestedBy, now: o.now, what: `approval ${o.id}`, hint: 'reject it and ask again' },
    );
  }

  private async mustGet(s: StoreSession, id: number): Promise<ApprovalRow> {
    const a = await s.approvals.getApproval(id);
    if (!a) throw new FerryError('not_found', `approval ${id} does not exist`);
    return a;
  }

  private mustBePending(a: ApprovalRow): void {
    if (a.status !== 'pending')
      throw new FerryError(
        'conflict',
        `approval ${a.id} is already ${a.status} by ${a.decidedBy ?? 'someone'}`,
      );
  }

  /** Why this role may not decide the change (the same rule as making it), or null. */
  private async refusal(s: StoreSession, a: ApprovalRow, role: Role): Promise<string | null> {
    const c = a.change as HeldChange;
    if (c.kind === 'mappings') {
      for (const m of c.changes) {
        const r = mappingRefusal(role, m.kind);
        if (r) return r;
      }
      return null;
    }
    const e = await s.exceptions.getException(c.exceptionId);
    return exceptionRefusal(role, e?.impact ?? '');
  }

  private async view(a: ApprovalRow, who: Person): Promise<ApprovalView> {
    let whyNot: string | null = null;
    if (a.status !== 'pending') whyNot = `already ${a.status}`;
    else if (samePerson(asker(a), who)) whyNot = 'you asked for this change; another user must approve it';
    else whyNot = await this.refusal(this.store, a, who.role);
    return { ...a, summary: summary(a.change as HeldChange), mayDecide: whyNot === null, whyNot };
  }
}
