import type { EdiIssue } from './issues.js';
import type { FunctionalGroup, Interchange, TransactionSet } from './types.js';

/** A transaction set as parsed, with its own envelope issues. */
export interface ParsedSet extends TransactionSet {
  /** 1-based position of its ST in the interchange (ISA = 1). */
  readonly position: number;
  readonly issues: readonly EdiIssue[];
  /** True when this set, its group and the interchange have no issues. */
  readonly accepted: boolean;
}

/** A functional group as parsed, with group-level issues (GE counts, control numbers). */
export interface ParsedGroup extends FunctionalGroup {
  readonly sets: readonly ParsedSet[];
  readonly issues: readonly EdiIssue[];
  /** True when every set is accepted. */
  readonly accepted: boolean;
}

/** An interchange as parsed, with interchange-level issues (ISA layout, IEA). */
export interface ParsedInterchange extends Interchange {
  readonly groups: readonly ParsedGroup[];
  readonly issues: readonly EdiIssue[];
}
