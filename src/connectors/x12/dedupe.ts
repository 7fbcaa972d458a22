/**
 * Duplicate-interchange recognition. Partners re-send on timeouts, and a re-send carries the same
 * ISA13 (PROTOCOLS.md §0: "resend same ISA13 = duplicate"); a hash of the content tells a true
 * re-send from a partner reusing a control number for different data, which must not be dropped.
 */
import { createHash } from 'node:crypto';
import { readIsa } from './edi/isa.js';

/** Keys the inbox stores with the raw interchange. */
export interface InterchangeKey {
  /** `ISA05:ISA06` of the sender, or `unknown` when the ISA cannot be read. */
  readonly sender: string;
  /** ISA13 as written (9 digits), or '' when unreadable. */
  readonly controlNumber: string;
  /** SHA-256 (hex) of the content with line breaks removed. */
  readonly contentHash: string;
  /** sender + ISA13 + hash: equal keys mean the same interchange received again. */
  readonly dedupeKey: string;
  /** sender + ISA13: equal control keys with different dedupe keys mean a reused control number. */
  readonly controlKey: string;
}

/** Computes the keys of an inbound file's text; never throws. */
export function interchangeKey(text: string): InterchangeKey {
  const trimmed = text.replace(/^[\uFEFF\s]+/, '');
  // Line breaks after terminators are layout only (PROTOCOLS.md §3.1); a re-send that reflows them
  // is still the same interchange.
  const contentHash = createHash('sha256')
    .update(trimmed.replace(/[\r\n]/g, '').trimEnd())
    .digest('hex');
  const isa = readIsa(trimmed);
  const sender = 'header' in isa ? `${isa.header.senderQualifier}:${isa.header.senderId}` : 'unknown';
  const controlNumber = 'header' in isa ? isa.header.controlNumber : '';
  const controlKey = `x12:${sender}:${controlNumber}`;
  return { sender, controlNumber, contentHash, dedupeKey: `${controlKey}:${contentHash}`, controlKey };
}
