/** Reads one ST…SE transaction set and checks its header, trailer and segment ids. */
import type { EdiIssue } from './issues.js';
import { Ak3Code, Ak5Code, IssueCode, IssueLevel } from './issues.js';
import type { Segment } from './types.js';
import { element } from './types.js';
import type { ParsedSet } from './parsed.js';
import { knownSegmentIds, type SegmentDictionary } from './dictionary.js';

const ENDS_SET = new Set(['ST', 'GE', 'GS', 'IEA']);
const base = { level: IssueLevel.set } as const;

/**
 * Reads the set whose ST is at `start`; `next` is the index after its SE (or of the segment that
 * ended it early). `earlier` are the group's previous sets, for ST02 uniqueness.
 */
export function readSet(
  segments: readonly Segment[],
  start: number,
  stPosition: number,
  dictionary: SegmentDictionary,
  earlier: readonly ParsedSet[],
): { set: ParsedSet; next: number } {
  const st = segments[start] as Segment;
  const id = element(st, 1);
  const controlNumber = element(st, 2);
  const issues: EdiIssue[] = [...checkSt(id, controlNumber, dictionary, earlier)];
  const body: Segment[] = [];
  let i = start + 1;
  let se: Segment | undefined;
  for (; i < segments.length; i++) {
    const seg = segments[i] as Segment;
    if (seg.id === 'SE') {
      se = seg;
      i += 1;
      break;
    }
    if (ENDS_SET.has(seg.id)) break;
    body.push(seg);
  }
  issues.push(...checkSegments(body, id, dictionary));
  if (se) issues.push(...checkSe(se, body.length + 2, controlNumber));
  else {
    const message = `SE trailer missing for set ST02=${controlNumber} (${id})`;
    issues.push({
      ...base,
      code: IssueCode.seMissing,
      segmentId: 'SE',
      message,
      ak5Code: Ak5Code.trailerMissing,
    });
  }
  const segmentFaults = issues.some((x) => x.ak3Code !== undefined);
  if (segmentFaults) {
    const message = `set ST02=${controlNumber} (${id}) has segments in error`;
    issues.push({ ...base, code: IssueCode.segmentsInError, message, ak5Code: Ak5Code.segmentsInError });
  }
  return { set: { id, controlNumber, body, position: stPosition, issues, accepted: false }, next: i };
}

function checkSt(
  id: string,
  control: string,
  dictionary: SegmentDictionary,
  earlier: readonly ParsedSet[],
): EdiIssue[] {
  const at = { segmentId: 'ST', position: 1 } as const;
  if (id === '') {
    return [
      {
        ...base,
        ...at,
        element: 1,
        code: IssueCode.setIdMissing,
        message: 'ST01 (transaction set identifier) is empty',
        ak5Code: Ak5Code.missingSetId,
      },
    ];
  }
  const issues: EdiIssue[] = [];
  if (dictionary[id] === undefined) {
    const message = `ST01 transaction set ${id} is not supported (supported: ${Object.keys(dictionary).join(', ')})`;
    issues.push({
      ...base,
      ...at,
      element: 1,
      code: IssueCode.setNotSupported,
      message,
      found: id,
      ak5Code: Ak5Code.notSupported,
    });
  }
  // ST02 is AN 4-9 in 4010; uniqueness within the group is what lets a 997 name one set.
  if (!/^[A-Za-z0-9]{4,9}$/.test(control) || earlier.some((s) => s.controlNumber === control)) {
    const why = earlier.some((s) => s.controlNumber === control)
      ? 'repeats an earlier set of this group'
      : 'must be 4 to 9 characters';
    const message = `ST02 (transaction set control number) "${control}" ${why}`;
    issues.push({
      ...base,
      ...at,
      element: 2,
      code: IssueCode.setControlInvalid,
      message,
      found: control,
      ak5Code: Ak5Code.invalidControlNumber,
    });
  }
  return issues;
}

function checkSegments(body: readonly Segment[], setId: string, dictionary: SegmentDictionary): EdiIssue[] {
  const allowed = dictionary[setId];
  if (allowed === undefined) return [];
  const known = knownSegmentIds(dictionary);
  const issues: EdiIssue[] = [];
  body.forEach((seg, index) => {
    const position = index + 2;
    if (!known.has(seg.id)) {
      const message = `segment ${seg.id} at position ${position} of set ${setId} is not a recognised segment id`;
      issues.push({
        ...base,
        code: IssueCode.unknownSegment,
        segmentId: seg.id,
        position,
        message,
        found: seg.id,
        ak3Code: Ak3Code.unrecognizedSegment,
      });
    } else if (!allowed.includes(seg.id)) {
      const message = `segment ${seg.id} at position ${position} is not expected in a ${setId}`;
      issues.push({
        ...base,
        code: IssueCode.unexpectedSegment,
        segmentId: seg.id,
        position,
        message,
        found: seg.id,
        ak3Code: Ak3Code.unexpectedSegment,
      });
    }
  });
  return issues;
}

function checkSe(se: Segment, counted: number, stControl: string): EdiIssue[] {
  const issues: EdiIssue[] = [];
  const at = { segmentId: 'SE', position: counted } as const;
  const count = element(se, 1);
  if (count !== String(counted)) {
    const message = `SE01 (number of included segments) is "${count}", counted ${counted} segments ST..SE inclusive in set ST02=${stControl}`;
    issues.push({
      ...base,
      ...at,
      element: 1,
      code: IssueCode.seCount,
      message,
      expected: String(counted),
      found: count,
      ak5Code: Ak5Code.segmentCount,
    });
  }
  const control = element(se, 2);
  if (control !== stControl) {
    const message = `SE02 (transaction set control number) is "${control}", expected ST02 "${stControl}"`;
    issues.push({
      ...base,
      ...at,
      element: 2,
      code: IssueCode.seControl,
      message,
      expected: stControl,
      found: control,
      ak5Code: Ak5Code.controlMismatch,
    });
  }
  return issues;
}
