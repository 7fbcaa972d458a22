/**
 * The X12 object model Ferry's `edi` codec parses into and generates from. Element arrays are
 * 1-based in meaning: `elements[0]` is XX01, so `element(seg, 3)` reads XX03 as partners' guides do.
 */

/** Delimiters of one interchange; read from the ISA on input, taken from partner config on output. */
export interface Delimiters {
  /** Element separator, ISA char[3] (usually `*`). */
  readonly element: string;
  /** Component (sub-element) separator, ISA16 / char[104] (usually `>` or `:`). */
  readonly component: string;
  /** Segment terminator, char[105] (usually `~`). */
  readonly segment: string;
  /** Repetition separator, ISA11 / char[82]; in 00401 this position holds the literal `U`. */
  readonly repetition: string;
  /** Whitespace written after every segment terminator: '', '\n' or '\r\n' (readability only). */
  readonly lineSuffix: string;
}

/** One segment: its id and its elements, `elements[0]` being element 01. */
export interface Segment {
  readonly id: string;
  readonly elements: readonly string[];
}

/** ISA header fields, without padding (ISA13 keeps its 9 digits). */
export interface IsaHeader {
  readonly authQualifier: string;
  readonly authInfo: string;
  readonly securityQualifier: string;
  readonly securityInfo: string;
  readonly senderQualifier: string;
  readonly senderId: string;
  readonly receiverQualifier: string;
  readonly receiverId: string;
  /** YYMMDD. */
  readonly date: string;
  /** HHMM. */
  readonly time: string;
  /** ISA11: repetition separator (00501+) or `U` (00401). */
  readonly standardsId: string;
  /** ISA12, e.g. `00401`. */
  readonly version: string;
  /** ISA13, 9 digits, zero-filled. */
  readonly controlNumber: string;
  /** ISA14: `1` asks for a TA1. */
  readonly ackRequested: string;
  /** ISA15: `P` production, `T` test. */
  readonly usage: string;
}

/** GS header fields. */
export interface GroupHeader {
  /** GS01, e.g. `OW` for 940, `SW` for 945. */
  readonly functionalId: string;
  readonly senderCode: string;
  readonly receiverCode: string;
  /** CCYYMMDD. */
  readonly date: string;
  /** HHMM[SS]. */
  readonly time: string;
  /** GS06 (= GE02). */
  readonly controlNumber: string;
  /** GS07, `X`. */
  readonly agency: string;
  /** GS08, e.g. `004010`. */
  readonly version: string;
}

/** One transaction set: ST01/ST02 and the segments strictly between ST and SE. */
export interface TransactionSet {
  readonly id: string;
  readonly controlNumber: string;
  readonly body: readonly Segment[];
}

export interface FunctionalGroup {
  readonly header: GroupHeader;
  readonly sets: readonly TransactionSet[];
}

/** A whole interchange; trailers (SE/GE/IEA) are derived when generating. */
export interface Interchange {
  readonly delimiters: Delimiters;
  readonly header: IsaHeader;
  readonly groups: readonly FunctionalGroup[];
}

/** Reads element `n` (1-based) of a segment; absent trailing elements read as ''. */
export function element(segment: Segment, n: number): string {
  return segment.elements[n - 1] ?? '';
}
