/**
 * Control numbers (ISA13, GS06, ST02) per trading partner. The port is what the store team
 * persists; the wrap rule lives here so every adapter wraps alike.
 */

/** Which envelope level a control number is for. */
export const ControlNumberKind = { interchange: 'interchange', group: 'group', set: 'set' } as const;
export type ControlNumberKind = (typeof ControlNumberKind)[keyof typeof ControlNumberKind];

/**
 * Largest value per kind. ISA13 is N0 9/9 and GS06 N0 1/9, so both top out at 999999999; ST02 is
 * AN 4/9, written zero-filled to 4 and allowed to grow to 9 digits so it too stays unique per
 * partner for 999999999 sets instead of repeating after 9999.
 */
export const CONTROL_NUMBER_MAX: Readonly<Record<ControlNumberKind, number>> = {
  interchange: 999_999_999,
  group: 999_999_999,
  set: 999_999_999,
};

/** The number after `last` (undefined = none issued yet): 1, 2, … max, then 1 again. 0 is never issued. */
export function nextControlNumber(kind: ControlNumberKind, last: number | undefined): number {
  return last === undefined || last >= CONTROL_NUMBER_MAX[kind] || last < 1 ? 1 : last + 1;
}

/** Wire form: ISA13 zero-filled to 9, GS06 plain digits, ST02 zero-filled to at least 4. */
export function formatControlNumber(kind: ControlNumberKind, n: number): string {
  switch (kind) {
    case 'interchange':
      return String(n).padStart(9, '0');
    case 'group':
      return String(n);
    case 'set':
      return String(n).padStart(4, '0');
  }
}

/**
 * Port: hands out control numbers, unique per partner and kind until they wrap. An adapter must
 * make each call atomic (two Ferry processes must never get the same number) and durable before
 * resolving, because a number reused within the partner's dedupe window makes the partner drop
 * our file as a duplicate (PROTOCOLS.md §0: "resend same ISA13 = duplicate").
 */
export interface ControlNumberStore {
  /** Next ISA13 for the partner. */
  nextInterchange(partnerId: string): Promise<number>;
  /** Next GS06 for the partner. */
  nextGroup(partnerId: string): Promise<number>;
  /** Next ST02 for the partner. */
  nextTransactionSet(partnerId: string): Promise<number>;
}

/** Last issued numbers, `partnerId → kind → number`; what an adapter persists. */
export type ControlNumberSnapshot = Record<string, Partial<Record<ControlNumberKind, number>>>;

/** In-memory adapter for tests and the simulator; `snapshot()` and the constructor model a restart. */
export class InMemoryControlNumberStore implements ControlNumberStore {
  readonly #last = new Map<string, number>();

  constructor(initial: ControlNumberSnapshot = {}) {
    for (const [partner, kinds] of Object.entries(initial)) {
      for (const [kind, n] of Object.entries(kinds)) this.#last.set(`${partner}\u0000${kind}`, n);
    }
  }

  nextInterchange(partnerId: string): Promise<number> {
    return Promise.resolve(this.#next(partnerId, 'interchange'));
  }

  nextGroup(partnerId: string): Promise<number> {
    return Promise.resolve(this.#next(partnerId, 'group'));
  }

  nextTransactionSet(partnerId: string): Promise<number> {
    return Promise.resolve(this.#next(partnerId, 'set'));
  }

  /** Last numbers issued, to persist or to start another instance from. */
  snapshot(): ControlNumberSnapshot {
    const out: ControlNumberSnapshot = {};
    for (const [key, n] of this.#last) {
      const [partner = '', kind] = key.split('\u0000') as [string, ControlNumberKind];
      (out[partner] ??= {})[kind] = n;
    }
    return out;
  }

  #next(partnerId: string, kind: ControlNumberKind): number {
    const key = `${partnerId}\u0000${kind}`;
    const n = nextControlNumber(kind, this.#last.get(key));
    this.#last.set(key, n);
    return n;
  }
}
