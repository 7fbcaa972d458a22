/**
 * Envelope problems found while parsing, each precise enough to act on (which segment, which
 * element, expected vs found) and carrying the X12 code the 997 reports it with.
 */

/** Where a problem sits; it decides what the 997 rejects (a set, a group, or everything). */
export const IssueLevel = { interchange: 'interchange', group: 'group', set: 'set' } as const;
export type IssueLevel = (typeof IssueLevel)[keyof typeof IssueLevel];

/** Stable issue codes. */
export const IssueCode = {
  notX12: 'not_x12',
  isaLayout: 'isa_layout',
  isaElement: 'isa_element',
  ieaMissing: 'iea_missing',
  ieaCount: 'iea_count',
  ieaControl: 'iea_control',
  outsideEnvelope: 'outside_envelope',
  geMissing: 'ge_missing',
  geCount: 'ge_count',
  geControl: 'ge_control',
  gsControlSyntax: 'gs_control_syntax',
  setNotSupported: 'set_not_supported',
  setIdMissing: 'set_id_missing',
  setControlInvalid: 'set_control_invalid',
  seMissing: 'se_missing',
  seCount: 'se_count',
  seControl: 'se_control',
  unknownSegment: 'unknown_segment',
  unexpectedSegment: 'unexpected_segment',
  segmentsInError: 'segments_in_error',
} as const;
export type IssueCode = (typeof IssueCode)[keyof typeof IssueCode];

/** One envelope problem. */
export interface EdiIssue {
  readonly level: IssueLevel;
  readonly code: IssueCode;
  /** Human description naming segment, element, expected and found values. */
  readonly message: string;
  /** Segment id the problem is in (`SE`, `GE`, `ISA`, `ZZZ`). */
  readonly segmentId?: string;
  /**
   * 1-based position: within the transaction set (ST = 1) for set-level issues, as AK302 wants;
   * within the interchange (ISA = 1) otherwise.
   */
  readonly position?: number;
  /** 1-based element position (ISA06 → 6). */
  readonly element?: number;
  readonly expected?: string;
  readonly found?: string;
  /** AK304 segment syntax error code (element 720), for segment problems inside a set. */
  readonly ak3Code?: string;
  /** AK502 transaction set syntax error code (element 718). */
  readonly ak5Code?: string;
  /** AK905 functional group syntax error code (element 716). */
  readonly ak9Code?: string;
}

/**
 * X12 4010 code values used in 997s. Same lists as node-x12's validation engine
 * (`index.js`, codes for segment/transaction/group errors) so both sides read them alike.
 */
export const Ak3Code = { unrecognizedSegment: '1', unexpectedSegment: '2' } as const;
export const Ak5Code = {
  notSupported: '1',
  trailerMissing: '2',
  controlMismatch: '3',
  segmentCount: '4',
  segmentsInError: '5',
  missingSetId: '6',
  invalidControlNumber: '7',
} as const;
export const Ak9Code = {
  trailerMissing: '3',
  controlMismatch: '4',
  setCount: '5',
  controlSyntax: '6',
} as const;
