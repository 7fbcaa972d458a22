/** Ferry's `edi` codec for ASC X12: parse with envelope validation, generate with derived trailers. */
export type {
  Delimiters,
  Segment,
  IsaHeader,
  GroupHeader,
  TransactionSet,
  FunctionalGroup,
  Interchange,
} from './types.js';
export { element } from './types.js';
export type { EdiIssue } from './issues.js';
export { IssueCode, IssueLevel, Ak3Code, Ak5Code, Ak9Code } from './issues.js';
export type { ParsedSet, ParsedGroup, ParsedInterchange } from './parsed.js';
export type { ParseOptions, ParseResult } from './parse.js';
export { parseInterchange, allIssues, acceptedSets } from './parse.js';
export { generateInterchange } from './generate.js';
export type { SegmentDictionary } from './dictionary.js';
export { WAREHOUSE_DICTIONARY } from './dictionary.js';
export { ISA_LENGTH } from './isa.js';
export { segmentText } from './tokenize.js';
