/** Turns envelope issues into Ferry's classified failure, so the exception queue can show them. */
import { FerryError, Impact } from '../../core/errors.js';
import type { EdiIssue, ParsedInterchange, ParseResult } from './edi/index.js';
import { allIssues } from './edi/index.js';

/** Business impact of losing a set, by ST01: a lost 945 blocks shipment, a lost 846 risks overselling. */
const IMPACT_BY_SET: Readonly<Record<string, Impact>> = {
  '945': Impact.blocksShipment,
  '940': Impact.blocksShipment,
  '846': Impact.oversellRisk,
  '944': Impact.info,
  '997': Impact.info,
};

function impactOf(ic: ParsedInterchange | undefined): Impact {
  const rejected = ic?.groups.flatMap((g) => g.sets.filter((s) => !s.accepted).map((s) => s.id)) ?? [];
  const impacts = rejected.map((id) => IMPACT_BY_SET[id] ?? Impact.info);
  return (
    impacts.find((i) => i === Impact.blocksShipment) ??
    impacts.find((i) => i === Impact.oversellRisk) ??
    Impact.blocksShipment
  );
}

/**
 * The `payload_invalid` error describing every envelope issue of a parse, or undefined when the
 * interchange is clean. Not retryable: the same bytes fail the same way; the partner must resend.
 */
export function envelopeFailure(result: ParseResult, partnerId?: string): FerryError | undefined {
  const ic = result.kind === 'parsed' ? result.interchange : undefined;
  const issues: readonly EdiIssue[] = ic ? allIssues(ic) : result.kind === 'unreadable' ? result.issues : [];
  if (issues.length === 0) return undefined;
  const entities: Record<string, string> = {};
  if (ic) {
    entities.isa13 = ic.header.controlNumber;
    entities.sender = `${ic.header.senderQualifier}:${ic.header.senderId}`;
  }
  const head = issues[0]?.message ?? '';
  const more = issues.length > 1 ? ` (+${issues.length - 1} more)` : '';
  return new FerryError('payload_invalid', `X12 envelope invalid: ${head}${more}`, {
    impact: impactOf(ic),
    ...(partnerId === undefined ? {} : { partner: partnerId }),
    entities,
    details: { issues },
  });
}
