/**
 * Ferry's X12 parser with envelope validation. node-x12 1.7.1 in strict mode throws on the first
 * envelope fault and drops every other set of the interchange, and in loose mode reports faults only
 * as message strings; Ferry must reject one bad set in a 997 and still process its neighbours
 * (issue 5: "nothing else lost"), so the walk and its checks are our own.
 */
import type { EdiIssue } from './issues.js';
import { readIsa } from './isa.js';
import { tokenize } from './tokenize.js';
import { walkEnvelope } from './envelope.js';
import type { ParsedGroup, ParsedInterchange, ParsedSet } from './parsed.js';
import { WAREHOUSE_DICTIONARY, type SegmentDictionary } from './dictionary.js';

export interface ParseOptions {
  /** Supported sets and their segments; defaults to the warehouse sets (940/944/945/846/997). */
  readonly dictionary?: SegmentDictionary;
}

/** Either a parsed interchange (possibly with issues) or input too broken to read delimiters from. */
export type ParseResult =
  | { readonly kind: 'parsed'; readonly interchange: ParsedInterchange }
  | { readonly kind: 'unreadable'; readonly issues: readonly EdiIssue[] };

/** Parses one interchange and validates its envelope; never throws on bad input. */
export function parseInterchange(input: string, options: ParseOptions = {}): ParseResult {
  const text = input.replace(/^[\uFEFF\s]+/, '');
  const isa = readIsa(text);
  if (!('header' in isa)) return { kind: 'unreadable', issues: isa.issues };
  const segments = tokenize(text.slice(isa.end), isa.delimiters);
  const walked = walkEnvelope(segments, isa.header, options.dictionary ?? WAREHOUSE_DICTIONARY);
  const interchangeIssues = [...isa.issues, ...walked.issues];
  const groups = walked.groups.map((g) => settle(g, interchangeIssues.length === 0));
  return {
    kind: 'parsed',
    interchange: { delimiters: isa.delimiters, header: isa.header, groups, issues: interchangeIssues },
  };
}

/** Decides acceptance: a set stands only if it, its group and the interchange are clean. */
function settle(group: ParsedGroup, interchangeOk: boolean): ParsedGroup {
  const groupOk = interchangeOk && group.issues.length === 0;
  const sets: ParsedSet[] = group.sets.map((s) => ({ ...s, accepted: groupOk && s.issues.length === 0 }));
  return { ...group, sets, accepted: groupOk && sets.every((s) => s.accepted) };
}

/** Every issue in the interchange, interchange level first. */
export function allIssues(ic: ParsedInterchange): EdiIssue[] {
  return [...ic.issues, ...ic.groups.flatMap((g) => [...g.issues, ...g.sets.flatMap((s) => s.issues)])];
}

/** The sets that passed envelope validation, with their group header, in file order. */
export function acceptedSets(ic: ParsedInterchange): { group: ParsedGroup; set: ParsedSet }[] {
  return ic.groups.flatMap((group) => group.sets.filter((s) => s.accepted).map((set) => ({ group, set })));
}
