/** Reads a partner's 997 into a typed acknowledgement of one of our functional groups. */
import { FerryError } from '../../../core/errors.js';
import type { Segment, TransactionSet } from '../edi/index.js';
import { element } from '../edi/index.js';

/** AK501 / AK901 values (PROTOCOLS.md §3.2): accepted, accepted with errors, partially, rejected, … */
export const AckStatus = {
  accepted: 'A',
  acceptedWithErrors: 'E',
  partial: 'P',
  rejected: 'R',
  macFailed: 'M',
  assuranceFailed: 'W',
  decryptFailed: 'X',
} as const;
export type AckStatus = (typeof AckStatus)[keyof typeof AckStatus];
const STATUSES: readonly string[] = Object.values(AckStatus);

/** An AK3 segment error with its AK4 element errors. */
export interface AckSegmentError {
  readonly segmentId: string;
  readonly position: string;
  readonly code: string;
  readonly elements: readonly { readonly position: string; readonly code: string; readonly data: string }[];
}

/** One AK2…AK5 loop. */
export interface AckSetResult {
  readonly id: string;
  readonly controlNumber: string;
  readonly status: AckStatus;
  readonly codes: readonly string[];
  readonly segmentErrors: readonly AckSegmentError[];
}

/** A parsed 997: the group it acknowledges and the verdicts. */
export interface FunctionalAck {
  /** AK101: GS01 of the acknowledged group. */
  readonly functionalId: string;
  /** AK102: GS06 of the acknowledged group. */
  readonly groupControlNumber: string;
  readonly status: AckStatus;
  readonly setsIncluded: number;
  readonly setsReceived: number;
  readonly setsAccepted: number;
  readonly codes: readonly string[];
  readonly sets: readonly AckSetResult[];
}

function status(seg: Segment, ack997: TransactionSet): AckStatus {
  const value = element(seg, 1);
  if (!STATUSES.includes(value)) {
    throw new FerryError(
      'payload_invalid',
      `997 ST02=${ack997.controlNumber}: ${seg.id}01 "${value}" is not an acknowledgment code`,
      {
        details: { segment: seg.id, element: 1, found: value, expected: STATUSES },
      },
    );
  }
  return value as AckStatus;
}

function rest(seg: Segment, from: number): string[] {
  return seg.elements.slice(from - 1).filter((v) => v !== '');
}

function readSets(body: readonly Segment[], ack997: TransactionSet): AckSetResult[] {
  const sets: AckSetResult[] = [];
  let open: { id: string; controlNumber: string; segmentErrors: AckSegmentError[] } | undefined;
  for (const seg of body) {
    if (seg.id === 'AK2') open = { id: element(seg, 1), controlNumber: element(seg, 2), segmentErrors: [] };
    else if (seg.id === 'AK3' && open) {
      open.segmentErrors.push({
        segmentId: element(seg, 1),
        position: element(seg, 2),
        code: element(seg, 4),
        elements: [],
      });
    } else if (seg.id === 'AK4' && open) {
      const last = open.segmentErrors.at(-1);
      if (last)
        (last.elements as { position: string; code: string; data: string }[]).push({
          position: element(seg, 1),
          code: element(seg, 3),
          data: element(seg, 4),
        });
    } else if (seg.id === 'AK5' && open) {
      sets.push({ ...open, status: status(seg, ack997), codes: rest(seg, 2) });
      open = undefined;
    }
  }
  return sets;
}

/** Parses a 997 set; throws `payload_invalid` when AK1 or AK9 is missing or a status is unknown. */
export function parse997(ack997: TransactionSet): FunctionalAck {
  const ak1 = ack997.body.find((s) => s.id === 'AK1');
  const ak9 = ack997.body.find((s) => s.id === 'AK9');
  if (ack997.id !== '997' || !ak1 || !ak9) {
    throw new FerryError(
      'payload_invalid',
      `set ST02=${ack997.controlNumber} (${ack997.id}) is not a 997 with AK1 and AK9`,
      {
        details: { set: ack997.id, controlNumber: ack997.controlNumber },
      },
    );
  }
  return {
    functionalId: element(ak1, 1),
    groupControlNumber: element(ak1, 2),
    status: status(ak9, ack997),
    setsIncluded: Number(element(ak9, 2)),
    setsReceived: Number(element(ak9, 3)),
    setsAccepted: Number(element(ak9, 4)),
    codes: rest(ak9, 5),
    sets: readSets(ack997.body, ack997),
  };
}
