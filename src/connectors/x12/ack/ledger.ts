/**
 * Matches partners' 997s to the groups we sent and finds the ones still unacknowledged after the
 * deadline (issue 5: "inbound 997s matched to ours, unacknowledged interchanges alerted").
 */
import type { SentGroup } from '../outbound.js';
import type { AckStatus, FunctionalAck } from './parse997.js';

/** What a 997 said about one of our groups. */
export interface AckMatch {
  readonly group: SentGroup;
  readonly ack: FunctionalAck;
  /** AK901 of the 997. */
  readonly status: AckStatus;
  /** Our sets the partner rejected, with their AK5 codes. */
  readonly rejectedSets: readonly {
    readonly id: string;
    readonly controlNumber: string;
    readonly codes: readonly string[];
  }[];
  /** Our sets the 997 does not mention (a partial 997 is an error on their side, kept visible). */
  readonly unmentionedSets: readonly { readonly id: string; readonly controlNumber: string }[];
}

const sameControl = (a: string, b: string): boolean =>
  a === b || (/^\d+$/.test(a) && /^\d+$/.test(b) && Number(a) === Number(b));

/** Finds the group a 997 acknowledges among `sent` (same partner, GS01 and GS06), or undefined. */
export function matchAck(
  partnerId: string,
  ack: FunctionalAck,
  sent: readonly SentGroup[],
): AckMatch | undefined {
  const group = sent.find(
    (g) =>
      g.partnerId === partnerId &&
      g.functionalId === ack.functionalId &&
      sameControl(g.controlNumber, ack.groupControlNumber),
  );
  if (!group) return undefined;
  const verdict = (id: string, control: string) =>
    ack.sets.find((s) => s.id === id && sameControl(s.controlNumber, control));
  const rejectedSets = group.sets.flatMap((s) => {
    const v = verdict(s.id, s.controlNumber);
    // Under AK9 R every set is rejected even when the 997 lists no AK2 loop for it.
    if ((v && v.status !== 'A' && v.status !== 'E') || (!v && ack.status === 'R')) {
      return [{ ...s, codes: v?.codes ?? ack.codes }];
    }
    return [];
  });
  const unmentionedSets =
    ack.sets.length === 0 ? [] : group.sets.filter((s) => !verdict(s.id, s.controlNumber));
  return { group, ack, status: ack.status, rejectedSets, unmentionedSets };
}

/** Port: where sent groups wait for their 997. The store team persists it; tests use the in-memory one. */
export interface AckLedger {
  recordSent(groups: readonly SentGroup[]): Promise<void>;
  /** Applies a 997 from `partnerId`; undefined when it matches nothing we sent (alert-worthy). */
  applyAck(partnerId: string, ack: FunctionalAck): Promise<AckMatch | undefined>;
  /** Groups whose 997 is overdue at `nowMs`. */
  overdue(nowMs: number): Promise<SentGroup[]>;
}

/** In-memory ledger. */
export class InMemoryAckLedger implements AckLedger {
  readonly #waiting: SentGroup[] = [];
  readonly #matched: AckMatch[] = [];

  recordSent(groups: readonly SentGroup[]): Promise<void> {
    this.#waiting.push(...groups.filter((g) => g.ackDueAtMs !== undefined));
    return Promise.resolve();
  }

  applyAck(partnerId: string, ack: FunctionalAck): Promise<AckMatch | undefined> {
    const match = matchAck(partnerId, ack, this.#waiting);
    if (match) {
      this.#waiting.splice(this.#waiting.indexOf(match.group), 1);
      this.#matched.push(match);
    }
    return Promise.resolve(match);
  }

  overdue(nowMs: number): Promise<SentGroup[]> {
    return Promise.resolve(this.#waiting.filter((g) => g.ackDueAtMs !== undefined && g.ackDueAtMs <= nowMs));
  }

  /** Matches applied so far, oldest first. */
  matched(): readonly AckMatch[] {
    return this.#matched;
  }
}
