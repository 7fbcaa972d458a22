/** Ways the simulator can break an interchange, matching the malformed cases Ferry must reject. */

/** Corruptions: SE01 off by one, IEA02 ≠ ISA13, ISA06 unpadded, an unknown segment in the first set. */
export const MalformKind = {
  seCount: 'se_count',
  wrongControlNumber: 'wrong_control_number',
  truncatedIsa: 'truncated_isa',
  unknownSegment: 'unknown_segment',
} as const;
export type MalformKind = (typeof MalformKind)[keyof typeof MalformKind];

const esc = (c: string): string => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Applies one corruption to a generated interchange (`el` and `term` are its delimiters). */
export function malform(text: string, kind: MalformKind, el: string, term: string): string {
  const e = esc(el);
  switch (kind) {
    case 'se_count':
      return text.replace(new RegExp(`SE${e}(\\d+)${e}`), (_m, n: string) => `SE${el}${Number(n) + 1}${el}`);
    case 'wrong_control_number':
      return text.replace(new RegExp(`IEA${e}(\\d+)${e}(\\d{9})`), (_m, g: string, c: string) => {
        const other = String((Number(c) + 1) % 1_000_000_000).padStart(9, '0');
        return `IEA${el}${g}${el}${other}`;
      });
    case 'truncated_isa': {
      const parts = text.split(el);
      parts[6] = (parts[6] ?? '').trimEnd();
      return parts.join(el);
    }
    case 'unknown_segment': {
      const withSegment = text.replace(
        new RegExp(`(ST${e}[^${esc(term)}]*${esc(term)}[\\r\\n]*)`),
        `$1ZZZ${el}SIM${el}1${term}`,
      );
      return malform(withSegment, 'se_count', el, term);
    }
  }
}
