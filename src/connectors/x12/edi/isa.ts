/**
 * Reads the ISA header. The ISA is fixed width (106 characters with its terminator) and is the only
 * place the delimiters are declared (PROTOCOLS.md §3.1). A partner that forgets padding still sent
 * an interchange we must answer, so delimiters are recovered by counting element separators and the
 * layout faults are reported as issues instead of aborting.
 */
import type { Delimiters, IsaHeader } from './types.js';
import type { EdiIssue } from './issues.js';
import { IssueCode, IssueLevel } from './issues.js';

/** ISA length including the segment terminator, by the standard (node-x12 checks the same 106). */
export const ISA_LENGTH = 106;

/** Fixed element widths ISA01..ISA16 and what each element is, for error messages. */
const ISA_ELEMENTS: readonly (readonly [width: number, name: string])[] = [
  [2, 'authorization information qualifier'],
  [10, 'authorization information'],
  [2, 'security information qualifier'],
  [10, 'security information'],
  [2, 'interchange sender ID qualifier'],
  [15, 'interchange sender ID'],
  [2, 'interchange receiver ID qualifier'],
  [15, 'interchange receiver ID'],
  [6, 'interchange date YYMMDD'],
  [4, 'interchange time HHMM'],
  [1, 'repetition separator / standards identifier'],
  [5, 'interchange control version number'],
  [9, 'interchange control number'],
  [1, 'acknowledgment requested'],
  [1, 'usage indicator'],
  [1, 'component element separator'],
];

/** Content rules beyond width: element number → pattern and what it must be. */
const ISA_PATTERNS: ReadonlyMap<number, readonly [RegExp, string]> = new Map([
  [9, [/^\d{6}$/, '6 digits YYMMDD']],
  [10, [/^\d{4}$/, '4 digits HHMM']],
  [12, [/^\d{5}$/, '5 digits']],
  [13, [/^\d{9}$/, '9 digits']],
  [14, [/^[01]$/, '0 or 1']],
  [15, [/^[PT]$/, 'P or T']],
]);

/** A readable ISA: header, delimiters, where the rest starts, and layout issues (maybe none). */
export interface IsaRead {
  readonly header: IsaHeader;
  readonly delimiters: Delimiters;
  /** Index in the text just past the ISA terminator and its line suffix. */
  readonly end: number;
  readonly issues: readonly EdiIssue[];
}

function fatal(code: IssueCode, message: string): { issues: EdiIssue[] } {
  return { issues: [{ level: IssueLevel.interchange, code, message, segmentId: 'ISA', position: 1 }] };
}

/** Reads the ISA at the start of `text` (leading whitespace already removed). */
export function readIsa(text: string): IsaRead | { issues: EdiIssue[] } {
  if (!text.startsWith('ISA')) {
    return fatal(IssueCode.notX12, `input does not start with ISA (found "${text.slice(0, 3)}")`);
  }
  const sep = text.charAt(3);
  if (sep === '' || /[A-Za-z0-9 ]/.test(sep)) {
    return fatal(IssueCode.isaLayout, `ISA char[3] "${sep}" cannot be an element separator`);
  }
  const cuts: number[] = [];
  for (let i = 3; i < text.length && cuts.length < 16; i++) if (text[i] === sep) cuts.push(i);
  const last = cuts[15];
  const component = last === undefined ? '' : text.charAt(last + 1);
  const terminator = last === undefined ? '' : text.charAt(last + 2);
  const after = last === undefined ? '' : text.slice(last + 3).replace(/^[\r\n]+/, '');
  if (last === undefined || terminator === '' || !/^(GS|IEA)/.test(after) || after.charAt(2) === '') {
    return fatal(
      IssueCode.isaLayout,
      `ISA is truncated: found ${cuts.length} element separators "${sep}" before a GS segment, expected 16 ` +
        `followed by ISA16 and the segment terminator; delimiters cannot be read`,
    );
  }
  const values = cuts.map((c, i) => text.slice(c + 1, cuts[i + 1] ?? c + 2));
  const end = last + 3;
  const lineSuffix = text.startsWith('\r\n', end) ? '\r\n' : text.charAt(end) === '\n' ? '\n' : '';
  return {
    header: toHeader(values),
    delimiters: { element: sep, component, segment: terminator, repetition: values[10] ?? '', lineSuffix },
    end: end + lineSuffix.length,
    issues: layoutIssues(values, end),
  };
}

function layoutIssues(values: readonly string[], length: number): EdiIssue[] {
  const issues: EdiIssue[] = [];
  const base = { level: IssueLevel.interchange, segmentId: 'ISA', position: 1 } as const;
  if (length !== ISA_LENGTH) {
    issues.push({
      ...base,
      code: IssueCode.isaLayout,
      message: `ISA is ${length} characters including the segment terminator, expected ${ISA_LENGTH}`,
      expected: String(ISA_LENGTH),
      found: String(length),
    });
  }
  ISA_ELEMENTS.forEach(([width, name], i) => {
    const value = values[i] ?? '';
    const n = i + 1;
    const label = `ISA${String(n).padStart(2, '0')} (${name})`;
    const rule = ISA_PATTERNS.get(n);
    if (value.length !== width) {
      const message = `${label} is ${value.length} characters ("${value}"), expected ${width}`;
      issues.push({
        ...base,
        code: IssueCode.isaElement,
        element: n,
        message,
        expected: `${width} characters`,
        found: value,
      });
    } else if (rule && !rule[0].test(value)) {
      const message = `${label} is "${value}", expected ${rule[1]}`;
      issues.push({
        ...base,
        code: IssueCode.isaElement,
        element: n,
        message,
        expected: rule[1],
        found: value,
      });
    }
  });
  return issues;
}

function toHeader(v: readonly string[]): IsaHeader {
  const at = (i: number): string => v[i] ?? '';
  const trimmed = (i: number): string => at(i).trimEnd();
  return {
    authQualifier: at(0),
    authInfo: trimmed(1),
    securityQualifier: at(2),
    securityInfo: trimmed(3),
    senderQualifier: at(4),
    senderId: trimmed(5),
    receiverQualifier: at(6),
    receiverId: trimmed(7),
    date: at(8),
    time: at(9),
    standardsId: at(10),
    version: at(11),
    controlNumber: at(12),
    ackRequested: at(13),
    usage: at(14),
  };
}
