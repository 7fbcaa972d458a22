/**
 * The simulator's in-memory database: one table per model, ids from a per-model counter, and
 * `create_date` / `write_date` stamped from the injected clock. PostgreSQL stores them with
 * microseconds while Odoo answers "YYYY-MM-DD HH:MM:SS" (seconds): a domain compares the stored
 * value, so `write_date > '…:43'` matches a record written at …:43.5 (seen on real Odoo 17, where
 * a change feed keyed on (write_date, id) returned its last record again). The stored text keeps
 * the sub-second part; reads cut it off (orm.ts).
 */
import type { Clock } from '../../core/clock.js';
import type { Rec } from './types.js';

/** Odoo's datetime text for a millisecond timestamp. */
export function odooDatetime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** What PostgreSQL stores for a write at `ms`: the datetime with microseconds. */
export function storedDatetime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23).replace('T', ' ')}000`;
}

export class Db {
  private readonly tables = new Map<string, Map<number, Rec>>();
  private readonly nextIds = new Map<string, number>();
  private readonly sequences = new Map<string, number>();
  /** Company-level settings that Odoo keeps in configuration (default sales taxes ...). */
  readonly settings: { defaultSaleTaxIds: number[]; companyId: number } = {
    defaultSaleTaxIds: [],
    companyId: 1,
  };

  /** Undo entries of the open transaction; undefined outside one. */
  private undo: (() => void)[] | undefined;

  constructor(readonly clock: Clock) {}

  /**
   * Runs `fn` as one transaction: every RPC is one transaction in Odoo (ODOO.md §1, §5), so a
   * failing `create` of many records leaves none of them behind.
   */
  transaction<T>(fn: () => T): T {
    if (this.undo) return fn();
    this.undo = [];
    try {
      const out = fn();
      this.undo = undefined;
      return out;
    } catch (e) {
      const log = this.undo ?? [];
      this.undo = undefined;
      for (const step of log.reverse()) step();
      throw e;
    }
  }

  table(model: string): Map<number, Rec> {
    let t = this.tables.get(model);
    if (!t) {
      t = new Map();
      this.tables.set(model, t);
    }
    return t;
  }

  /** Makes the next id of a model start at `id` (real databases never start at 1 for seeded models). */
  reserveIds(model: string, nextId: number): void {
    this.nextIds.set(model, Math.max(nextId, this.nextIds.get(model) ?? 1));
  }

  insert(model: string, values: Omit<Rec, 'id'>): Rec {
    const id = this.nextIds.get(model) ?? 1;
    this.nextIds.set(model, id + 1);
    const now = storedDatetime(this.clock.now());
    const rec: Rec = { ...values, id, create_date: now, write_date: now };
    this.table(model).set(id, rec);
    this.undo?.push(() => this.table(model).delete(id));
    return rec;
  }

  get(model: string, id: number): Rec | undefined {
    return this.table(model).get(id);
  }

  all(model: string): Rec[] {
    return [...this.table(model).values()];
  }

  where(model: string, pred: (r: Rec) => boolean): Rec[] {
    return this.all(model).filter(pred);
  }

  /** Writes stored values and stamps write_date, as every ORM write does. */
  update(model: string, id: number, patch: Record<string, unknown>): Rec {
    const rec = this.get(model, id);
    if (!rec) throw new Error(`simulator bug: ${model}(${id}) missing`);
    const before = { ...rec };
    this.undo?.push(() => {
      for (const k of Object.keys(rec)) delete rec[k];
      Object.assign(rec, before);
    });
    Object.assign(rec, patch, { write_date: storedDatetime(this.clock.now()) });
    return rec;
  }

  delete(model: string, id: number): void {
    const rec = this.get(model, id);
    this.table(model).delete(id);
    if (rec) this.undo?.push(() => this.table(model).set(id, rec));
  }

  /** Next number of a named sequence (S00001, WH/OUT/00001 ...). */
  nextSeq(code: string): number {
    const n = (this.sequences.get(code) ?? 0) + 1;
    this.sequences.set(code, n);
    return n;
  }

  /** Deep copy of every table, for tests that inspect or compare state. */
  snapshot(): Record<string, Rec[]> {
    const out: Record<string, Rec[]> = {};
    for (const [model, t] of this.tables) out[model] = [...t.values()].map((r) => structuredClone(r));
    return out;
  }
}
