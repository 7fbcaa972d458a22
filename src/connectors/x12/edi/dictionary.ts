/**
 * Which segments each supported transaction set may contain (between ST and SE). Lists follow
 * PROTOCOLS.md §3.2 and §3.7–3.10 (4010 segment sets of the 997, 940, 945, 944 and 846); a segment
 * id outside every list is "unrecognized" (AK304 1), one known elsewhere but not in this set is
 * "unexpected" (AK304 2).
 */

/** Segment ids allowed in each transaction set's body, keyed by ST01. */
export type SegmentDictionary = Readonly<Record<string, readonly string[]>>;

const PARTY = ['N1', 'N2', 'N3', 'N4', 'PER'] as const;
const REFS = ['N9', 'G62', 'NTE', 'REF', 'DTM'] as const;

/** Ferry's warehouse transaction sets. */
export const WAREHOUSE_DICTIONARY: SegmentDictionary = {
  '997': ['AK1', 'AK2', 'AK3', 'AK4', 'AK5', 'AK9'],
  '940': ['W05', ...PARTY, ...REFS, 'W66', 'FOB', 'LX', 'W01', 'G69', 'W20', 'W76'],
  '945': ['W06', ...PARTY, ...REFS, 'W27', 'W10', 'LX', 'MAN', 'W12', 'G69', 'MEA', 'W03'],
  '944': ['W17', ...PARTY, ...REFS, 'LX', 'MAN', 'W07', 'W13', 'G69', 'W14'],
  '846': ['BIA', 'CUR', ...PARTY, ...REFS, 'LIN', 'PID', 'MEA', 'CTP', 'QTY', 'SCH', 'CTT'],
};

/** Every segment id any dictionary knows, plus the envelope. */
export function knownSegmentIds(dictionary: SegmentDictionary): ReadonlySet<string> {
  const ids = new Set(['ISA', 'GS', 'ST', 'SE', 'GE', 'IEA']);
  for (const list of Object.values(dictionary)) for (const id of list) ids.add(id);
  return ids;
}
