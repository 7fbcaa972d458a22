/**
 * The storage the X12 warehouse adapter needs: control numbers unique across processes, the
 * interchanges it sent (re-sent byte for byte on a retry) and the 997 ledger of its groups.
 * Declared here so the connector never imports the store; the store's `interchanges` role
 * implements it.
 */

/** A functional group we sent, waiting for (or matched to) the partner's 997. */
export interface StoredGroup {
  readonly partner: string;
  readonly functionalId: string;
  readonly groupControl: string;
  readonly interchangeControl: string;
  readonly sets: readonly { readonly id: string; readonly controlNumber: string }[];
  readonly sentAt: number;
  readonly ackDueAt: number | null;
}

/** An interchange stored before it is sent. */
export interface StoredOutbound {
  readonly id: number;
  readonly controlNumber: string;
  readonly content: string;
  readonly groups: unknown;
  readonly sentAt: number | null;
}

/** The X12 bookkeeping the adapter reads and writes. */
export interface InterchangeStorage {
  /** The next control number of `kind` for `partner`, wrapping after `max`; one atomic statement. */
  issueControlNumber(partner: string, kind: string, max: number): Promise<number>;
  /** The interchange stored for `purpose` (`release:<ref>`, `ack:<inboxId>`), or null. */
  getOutbound(partner: string, purpose: string): Promise<StoredOutbound | null>;
  insertOutbound(o: {
    partner: string;
    purpose: string;
    controlNumber: string;
    content: string;
    groups: unknown;
    now: number;
  }): Promise<unknown>;
  markOutboundSent(id: number, now: number): Promise<void>;
  /** Records sent groups (idempotent: a group already recorded keeps its first row). */
  recordSentGroups(
    groups: {
      partner: string;
      functionalId: string;
      groupControl: string;
      interchangeControl: string;
      sets: { id: string; controlNumber: string }[];
      sentAt: number;
      ackDueAt: number | null;
    }[],
  ): Promise<void>;
  groupsByFunction(partner: string, functionalId: string): Promise<readonly StoredGroup[]>;
  markGroupAcked(
    g: { partner: string; functionalId: string; groupControl: string },
    status: string,
    now: number,
  ): Promise<void>;
  overdueGroups(now: number): Promise<readonly StoredGroup[]>;
}

/** Where the adapter finds its storage: a store session satisfies it through its `interchanges` role. */
export interface X12Storage {
  readonly interchanges: InterchangeStorage;
}
