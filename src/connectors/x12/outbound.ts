/**
 * Wraps transaction-set bodies into an interchange addressed to a partner, drawing ISA13, GS06 and
 * ST02 from the control-number port, and records what was sent so that the partner's 997 can be
 * matched and a missing one alerted.
 */
import type { Clock } from '../../core/clock.js';
import type { FunctionalGroup, Interchange, IsaHeader, Segment } from './edi/index.js';
import { generateInterchange } from './edi/index.js';
import type { ControlNumberStore } from './control/index.js';
import { formatControlNumber } from './control/index.js';
import type { SupportedSet, TradingPartner } from './partner.js';
import { FUNCTIONAL_IDS } from './partner.js';

/** One transaction set to send: its ST01 and the segments between ST and SE. */
export interface OutboundSet {
  readonly id: SupportedSet;
  readonly body: readonly Segment[];
}

/** A group we sent, as a 997 will refer to it (AK1 = GS01 + GS06). */
export interface SentGroup {
  readonly partnerId: string;
  /** ISA13 of the interchange that carried the group. */
  readonly interchangeControl: string;
  readonly functionalId: string;
  /** GS06. */
  readonly controlNumber: string;
  readonly sets: readonly { readonly id: string; readonly controlNumber: string }[];
  /** When it was built for sending, ms since epoch. */
  readonly sentAtMs: number;
  /** When a missing 997 becomes an alert (sent + partner's ackDeadlineMs); none for our own 997s. */
  readonly ackDueAtMs: number | undefined;
}

/** The result of building an interchange for sending. */
export interface OutboundInterchange {
  readonly text: string;
  readonly interchange: Interchange;
  /** ISA13 as written. */
  readonly controlNumber: string;
  readonly groups: readonly SentGroup[];
}

function utcStamp(ms: number): { yymmdd: string; ccyymmdd: string; hhmm: string } {
  const iso = new Date(ms).toISOString();
  const ccyymmdd = iso.slice(0, 10).replaceAll('-', '');
  return { yymmdd: ccyymmdd.slice(2), ccyymmdd, hhmm: iso.slice(11, 16).replace(':', '') };
}

type Stamp = ReturnType<typeof utcStamp>;

function isaHeader(partner: TradingPartner, stamp: Stamp, isa13: string): IsaHeader {
  return {
    authQualifier: '00',
    authInfo: '',
    securityQualifier: '00',
    securityInfo: '',
    senderQualifier: partner.ours.qualifier,
    senderId: partner.ours.id,
    receiverQualifier: partner.theirs.qualifier,
    receiverId: partner.theirs.id,
    date: stamp.yymmdd,
    time: stamp.hhmm,
    standardsId: partner.separators.repetition,
    version: partner.version,
    controlNumber: isa13,
    ackRequested: partner.ackRequested ? '1' : '0',
    usage: partner.usage,
  };
}

async function buildGroup(
  partner: TradingPartner,
  numbers: ControlNumberStore,
  stamp: Stamp,
  functionalId: string,
  members: readonly OutboundSet[],
): Promise<FunctionalGroup> {
  const gs06 = formatControlNumber('group', await numbers.nextGroup(partner.id));
  const sets = [];
  for (const set of members) {
    const st02 = formatControlNumber('set', await numbers.nextTransactionSet(partner.id));
    sets.push({ id: set.id, controlNumber: st02, body: set.body });
  }
  const header = {
    functionalId,
    senderCode: partner.ours.groupId,
    receiverCode: partner.theirs.groupId,
    date: stamp.ccyymmdd,
    time: stamp.hhmm,
    controlNumber: gs06,
    agency: 'X',
    version: partner.groupVersion,
  };
  return { header, sets };
}

/**
 * Builds one interchange with one functional group per distinct GS01 (sets are grouped by their
 * functional id in first-seen order). Dates and times are UTC from the injected clock.
 */
export async function buildOutbound(
  partner: TradingPartner,
  numbers: ControlNumberStore,
  clock: Clock,
  sets: readonly OutboundSet[],
): Promise<OutboundInterchange> {
  const sentAtMs = clock.now();
  const stamp = utcStamp(sentAtMs);
  const isa13 = formatControlNumber('interchange', await numbers.nextInterchange(partner.id));
  const byFunction = new Map<string, OutboundSet[]>();
  for (const set of sets) {
    const fid = FUNCTIONAL_IDS[set.id];
    byFunction.set(fid, [...(byFunction.get(fid) ?? []), set]);
  }
  const groups: FunctionalGroup[] = [];
  for (const [functionalId, members] of byFunction) {
    groups.push(await buildGroup(partner, numbers, stamp, functionalId, members));
  }
  const interchange: Interchange = {
    delimiters: partner.separators,
    header: isaHeader(partner, stamp, isa13),
    groups,
  };
  const sent: SentGroup[] = groups.map((g) => ({
    partnerId: partner.id,
    interchangeControl: isa13,
    functionalId: g.header.functionalId,
    controlNumber: g.header.controlNumber,
    sets: g.sets.map((s) => ({ id: s.id, controlNumber: s.controlNumber })),
    sentAtMs,
    // A 997 is never acknowledged itself (X12 acknowledges functional groups, not acknowledgments).
    ackDueAtMs:
      g.header.functionalId === FUNCTIONAL_IDS['997'] ? undefined : sentAtMs + partner.ackDeadlineMs,
  }));
  return { text: generateInterchange(interchange), interchange, controlNumber: isa13, groups: sent };
}
