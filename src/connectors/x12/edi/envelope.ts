/**
 * Walks tokenized segments through GS/ST…SE/GE/IEA and checks counts and control numbers
 * (PROTOCOLS.md §3.1: SE01 counts ST..SE inclusive, SE02 = ST02, GE01 = sets, GE02 = GS06,
 * IEA01 = groups, IEA02 = ISA13).
 */
import type { EdiIssue } from './issues.js';
import { Ak9Code, IssueCode, IssueLevel } from './issues.js';
import type { GroupHeader, IsaHeader, Segment } from './types.js';
import { element } from './types.js';
import type { ParsedGroup, ParsedSet } from './parsed.js';
import type { SegmentDictionary } from './dictionary.js';
import { readSet } from './set.js';

interface Cursor {
  readonly segments: readonly Segment[];
  readonly dictionary: SegmentDictionary;
  i: number;
}

/** Position in the interchange (ISA = 1) of the segment at tokenized index i (ISA not tokenized). */
const pos = (i: number): number => i + 2;

/** Returns the groups found and interchange-level issues (IEA, stray segments). */
export function walkEnvelope(
  segments: readonly Segment[],
  isa: IsaHeader,
  dictionary: SegmentDictionary,
): { groups: ParsedGroup[]; issues: EdiIssue[] } {
  const c: Cursor = { segments, dictionary, i: 0 };
  const groups: ParsedGroup[] = [];
  const issues: EdiIssue[] = [];
  const base = { level: IssueLevel.interchange } as const;
  while (c.i < segments.length) {
    const seg = segments[c.i] as Segment;
    if (seg.id === 'GS') {
      groups.push(readGroup(c));
    } else if (seg.id === 'IEA') {
      issues.push(...checkIea(seg, pos(c.i), isa, groups.length));
      c.i += 1;
      const rest = segments[c.i];
      if (rest) {
        const message = `segment ${rest.id} at position ${pos(c.i)} follows IEA; one interchange per file`;
        issues.push({
          ...base,
          code: IssueCode.outsideEnvelope,
          segmentId: rest.id,
          position: pos(c.i),
          message,
        });
      }
      return { groups, issues };
    } else {
      const message = `segment ${seg.id} at position ${pos(c.i)} is outside any functional group`;
      issues.push({
        ...base,
        code: IssueCode.outsideEnvelope,
        segmentId: seg.id,
        position: pos(c.i),
        message,
      });
      c.i += 1;
    }
  }
  const message = `IEA trailer missing: input ends after ${segments.length + 1} segments`;
  issues.push({ ...base, code: IssueCode.ieaMissing, segmentId: 'IEA', message });
  return { groups, issues };
}

function checkIea(iea: Segment, position: number, isa: IsaHeader, groupCount: number): EdiIssue[] {
  const issues: EdiIssue[] = [];
  const base = { level: IssueLevel.interchange, segmentId: 'IEA', position } as const;
  const count = element(iea, 1);
  if (count !== String(groupCount)) {
    const message = `IEA01 (number of included functional groups) is "${count}", counted ${groupCount}`;
    issues.push({
      ...base,
      code: IssueCode.ieaCount,
      element: 1,
      message,
      expected: String(groupCount),
      found: count,
    });
  }
  const control = element(iea, 2);
  if (control !== isa.controlNumber) {
    const message = `IEA02 (interchange control number) is "${control}", expected ISA13 "${isa.controlNumber}"`;
    const expected = isa.controlNumber;
    issues.push({ ...base, code: IssueCode.ieaControl, element: 2, message, expected, found: control });
  }
  return issues;
}

function groupHeader(gs: Segment): GroupHeader {
  return {
    functionalId: element(gs, 1),
    senderCode: element(gs, 2),
    receiverCode: element(gs, 3),
    date: element(gs, 4),
    time: element(gs, 5),
    controlNumber: element(gs, 6),
    agency: element(gs, 7),
    version: element(gs, 8),
  };
}

/** GS06 must be 1-9 digits (N0 1/9) to be echoed in AK102 and matched. */
function checkGs(header: GroupHeader, position: number): EdiIssue[] {
  if (/^\d{1,9}$/.test(header.controlNumber)) return [];
  const message = `GS06 (group control number) is "${header.controlNumber}", expected 1 to 9 digits`;
  return [
    {
      level: IssueLevel.group,
      code: IssueCode.gsControlSyntax,
      segmentId: 'GS',
      position,
      element: 6,
      message,
      found: header.controlNumber,
      ak9Code: Ak9Code.controlSyntax,
    },
  ];
}

function readGroup(c: Cursor): ParsedGroup {
  const header = groupHeader(c.segments[c.i] as Segment);
  const gsPosition = pos(c.i);
  const sets: ParsedSet[] = [];
  const issues: EdiIssue[] = checkGs(header, gsPosition);
  const base = { level: IssueLevel.group } as const;
  c.i += 1;
  while (c.i < c.segments.length) {
    const seg = c.segments[c.i] as Segment;
    if (seg.id === 'ST') {
      const { set, next } = readSet(c.segments, c.i, pos(c.i), c.dictionary, sets);
      sets.push(set);
      c.i = next;
    } else if (seg.id === 'GE') {
      issues.push(...checkGe(seg, pos(c.i), header, sets.length));
      c.i += 1;
      return { header, sets, issues, accepted: false };
    } else if (seg.id === 'GS' || seg.id === 'IEA') {
      break;
    } else {
      const message = `segment ${seg.id} at position ${pos(c.i)} is inside group GS06=${header.controlNumber} but outside any ST/SE`;
      issues.push({
        ...base,
        code: IssueCode.outsideEnvelope,
        segmentId: seg.id,
        position: pos(c.i),
        message,
      });
      c.i += 1;
    }
  }
  const message = `GE trailer missing for group GS06=${header.controlNumber} (GS at position ${gsPosition})`;
  issues.push({
    ...base,
    code: IssueCode.geMissing,
    segmentId: 'GE',
    message,
    ak9Code: Ak9Code.trailerMissing,
  });
  return { header, sets, issues, accepted: false };
}

function checkGe(ge: Segment, position: number, gs: GroupHeader, setCount: number): EdiIssue[] {
  const issues: EdiIssue[] = [];
  const base = { level: IssueLevel.group, segmentId: 'GE', position } as const;
  const count = element(ge, 1);
  if (count !== String(setCount)) {
    const message = `GE01 (number of transaction sets) is "${count}", counted ${setCount} in group GS06=${gs.controlNumber}`;
    issues.push({
      ...base,
      code: IssueCode.geCount,
      element: 1,
      message,
      expected: String(setCount),
      found: count,
      ak9Code: Ak9Code.setCount,
    });
  }
  const control = element(ge, 2);
  if (control !== gs.controlNumber) {
    const message = `GE02 (group control number) is "${control}", expected GS06 "${gs.controlNumber}"`;
    issues.push({
      ...base,
      code: IssueCode.geControl,
      element: 2,
      message,
      expected: gs.controlNumber,
      found: control,
      ak9Code: Ak9Code.controlMismatch,
    });
  }
  return issues;
}
