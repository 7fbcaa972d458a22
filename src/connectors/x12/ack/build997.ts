/**
 * Builds the 997 body for one inbound functional group (PROTOCOLS.md §3.2): AK1 names the group,
 * one AK2/AK3/AK5 per set, AK9 sums up. A set is `A` only when it, its group and the interchange
 * passed envelope validation; otherwise `R` with the codes that say why.
 */
import type { EdiIssue, ParsedGroup, ParsedSet, Segment } from '../edi/index.js';
import { IssueCode } from '../edi/index.js';

/** AK5/AK9 allow at most five error codes (AK502–AK506, AK905–AK909). */
const MAX_CODES = 5;

function codes(issues: readonly EdiIssue[], pick: (i: EdiIssue) => string | undefined): string[] {
  const out: string[] = [];
  for (const issue of issues) {
    const code = pick(issue);
    if (code !== undefined && !out.includes(code)) out.push(code);
  }
  return out.slice(0, MAX_CODES);
}

function setSegments(set: ParsedSet): Segment[] {
  const out: Segment[] = [{ id: 'AK2', elements: [set.id, set.controlNumber] }];
  for (const issue of set.issues) {
    if (issue.ak3Code === undefined) continue;
    out.push({
      id: 'AK3',
      elements: [issue.segmentId ?? '', String(issue.position ?? ''), '', issue.ak3Code],
    });
  }
  const status = set.accepted ? 'A' : 'R';
  out.push({ id: 'AK5', elements: [status, ...codes(set.issues, (i) => i.ak5Code)] });
  return out;
}

/** GE01 as the partner wrote it when it disagrees with our count; otherwise what we counted. */
function declaredSetCount(group: ParsedGroup): string {
  return group.issues.find((i) => i.code === IssueCode.geCount)?.found ?? String(group.sets.length);
}

/** The AK1…AK9 segments acknowledging `group`. */
export function build997Body(group: ParsedGroup): Segment[] {
  const accepted = group.sets.filter((s) => s.accepted).length;
  const received = group.sets.length;
  const status = accepted === received && group.accepted ? 'A' : accepted === 0 ? 'R' : 'P';
  return [
    { id: 'AK1', elements: [group.header.functionalId, group.header.controlNumber] },
    ...group.sets.flatMap(setSegments),
    {
      id: 'AK9',
      elements: [
        status,
        declaredSetCount(group),
        String(received),
        String(accepted),
        ...codes(group.issues, (i) => i.ak9Code),
      ],
    },
  ];
}
