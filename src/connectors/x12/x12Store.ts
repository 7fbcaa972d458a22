/**
 * The X12 connector's persistence ports over its storage interface (storage.ts), which Ferry's store implements: control numbers that survive restarts
 * and are unique across processes, and the 997 ledger of the groups we sent.
 */
import type {
  AckLedger,
  AckMatch,
  ControlNumberKind,
  ControlNumberStore,
  FunctionalAck,
  SentGroup,
} from './index.js';
import { CONTROL_NUMBER_MAX, matchAck } from './index.js';
import type { StoredGroup, X12Storage } from './storage.js';

/** Control numbers in table x12_control_numbers; each call is one atomic statement. */
export class StoreControlNumbers implements ControlNumberStore {
  constructor(private readonly store: X12Storage) {}

  nextInterchange(partnerId: string): Promise<number> {
    return this.#next(partnerId, 'interchange');
  }

  nextGroup(partnerId: string): Promise<number> {
    return this.#next(partnerId, 'group');
  }

  nextTransactionSet(partnerId: string): Promise<number> {
    return this.#next(partnerId, 'set');
  }

  #next(partnerId: string, kind: ControlNumberKind): Promise<number> {
    return this.store.interchanges.issueControlNumber(partnerId, kind, CONTROL_NUMBER_MAX[kind]);
  }
}

function toSent(g: StoredGroup): SentGroup {
  return {
    partnerId: g.partner,
    interchangeControl: g.interchangeControl,
    functionalId: g.functionalId,
    controlNumber: g.groupControl,
    sets: [...g.sets],
    sentAtMs: g.sentAt,
    ackDueAtMs: g.ackDueAt ?? undefined,
  };
}

/** The 997 ledger in table x12_ack_ledger. */
export class StoreAckLedger implements AckLedger {
  constructor(
    private readonly store: X12Storage,
    private readonly now: () => number,
  ) {}

  async recordSent(groups: readonly SentGroup[]): Promise<void> {
    await this.store.interchanges.recordSentGroups(
      groups.map((g) => ({
        partner: g.partnerId,
        functionalId: g.functionalId,
        groupControl: g.controlNumber,
        interchangeControl: g.interchangeControl,
        sets: g.sets.map((s) => ({ id: s.id, controlNumber: s.controlNumber })),
        sentAt: g.sentAtMs,
        ackDueAt: g.ackDueAtMs ?? null,
      })),
    );
  }

  /** Matches a 997 against every group of that GS01 (an already matched one too: a repeated 997 is harmless). */
  async applyAck(partnerId: string, ack: FunctionalAck): Promise<AckMatch | undefined> {
    const groups = await this.store.interchanges.groupsByFunction(partnerId, ack.functionalId);
    const match = matchAck(partnerId, ack, groups.map(toSent));
    if (match) {
      await this.store.interchanges.markGroupAcked(
        { partner: partnerId, functionalId: ack.functionalId, groupControl: match.group.controlNumber },
        ack.status,
        this.now(),
      );
    }
    return match;
  }

  async overdue(nowMs: number): Promise<SentGroup[]> {
    return (await this.store.interchanges.overdueGroups(nowMs)).map(toSent);
  }
}
