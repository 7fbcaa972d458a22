/**
 * The generic ORM of the simulator: create / read / write / unlink / search over model
 * definitions, with Odoo's validation order (unknown field → ValueError, bad value → ValueError,
 * missing required → ValidationError, unknown id on write → MissingError) and x2many commands.
 */
import { compileDomain, sortRecords } from './domain.js';
import type { ValueReader } from './domain.js';
import {
  invalidField,
  missingRecord,
  missingRequired,
  notConvertible,
  pyRepr,
  unknownModel,
} from './messages.js';
import { fieldExists, m2oId } from './schema.js';
import type { App, FieldDef, ModelDef } from './schema.js';
import { ExceptionName, SimError, str } from './types.js';
import type { Env, OdooVersion, Rec } from './types.js';

export interface SearchOptions {
  offset?: number;
  limit?: number;
  order?: string;
}

export class Orm implements ValueReader {
  private readonly models = new Map<string, ModelDef>();

  /** Registers models; every model also has Odoo's magic create_date / write_date fields. */
  register(defs: readonly ModelDef[]): void {
    const magic = { create_date: { type: 'datetime' }, write_date: { type: 'datetime' } } as const;
    for (const d of defs) {
      const fields = Object.fromEntries(
        Object.entries(d.fields).filter(([, f]) => f.app === undefined || this.apps.has(f.app)),
      );
      this.models.set(d.name, { ...d, fields: { ...magic, ...fields } });
    }
  }

  constructor(
    readonly apps: ReadonlySet<App>,
    readonly version: OdooVersion,
  ) {}

  hasModel(name: string): boolean {
    const d = this.models.get(name);
    return d !== undefined && this.apps.has(d.app) && (!d.versions || d.versions.includes(this.version));
  }

  model(name: string): ModelDef {
    const d = this.models.get(name);
    if (!d || !this.hasModel(name)) throw unknownModel(name);
    return d;
  }

  raw(env: Env, model: string, rec: Rec, field: string): unknown {
    if (field === 'id') return rec.id;
    if (field === 'display_name') return this.displayName(env, model, rec);
    const def = this.model(model).fields[field];
    if (!def) return rec[field];
    if (def.compute) return def.compute(env, rec);
    if (def.type === 'o2m' && def.comodel && def.inverse) {
      const inv = def.inverse;
      return env.db.where(def.comodel, (c) => c[inv] === rec.id).map((c) => c.id);
    }
    const v = rec[field];
    if (v === undefined)
      return def.type === 'm2m' ? [] : def.type === 'bool' ? false : (def.default ?? false);
    return v;
  }

  displayName(env: Env, model: string, rec: Rec): string {
    const d = this.model(model);
    if (d.displayName) return d.displayName(env, rec);
    const name = rec.name;
    return typeof name === 'string' ? name : `${model},${rec.id}`;
  }

  private checkFields(env: Env, model: string, vals: Record<string, unknown>): void {
    const d = this.model(model);
    for (const f of Object.keys(vals)) {
      if (f === 'id' || !fieldExists(d.fields[f], env.version)) throw invalidField(env.version, model, f);
    }
  }

  create(env: Env, model: string, input: Record<string, unknown>): number {
    const d = this.model(model);
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new SimError(
        ExceptionName.valueError,
        `dictionary update sequence element #0 has length 1; 2 is required`,
      );
    }
    this.checkFields(env, model, input);
    const vals: Record<string, unknown> = {};
    for (const [f, def] of Object.entries(d.fields)) {
      if (fieldExists(def, env.version) && def.default !== undefined && !def.compute) vals[f] = def.default;
    }
    Object.assign(vals, input);
    d.prepare?.(env, vals);
    const reused = d.createOverride?.(env, vals);
    if (reused !== undefined) return reused;
    const stored: Record<string, unknown> = {};
    const deferred: [string, FieldDef, unknown][] = [];
    for (const [f, v] of Object.entries(vals)) {
      const def = d.fields[f];
      if (def?.type === 'o2m') deferred.push([f, def, v]);
      else if (!def || def.compute) continue;
      else if (def.type === 'm2m') stored[f] = this.m2mCommands(env, def, [], v);
      else stored[f] = this.coerce(env, model, f, def, v);
    }
    for (const [f, def] of Object.entries(d.fields)) {
      const missing = stored[f] === undefined || stored[f] === false || stored[f] === '';
      if (def.required && fieldExists(def, env.version) && missing && def.type !== 'o2m') {
        throw missingRequired(env.version, model, d.label, f, def.label ?? f);
      }
    }
    const rec = env.db.insert(model, stored);
    for (const [f, def, v] of deferred) this.o2mCommands(env, rec, f, def, v);
    d.afterCreate?.(env, rec);
    return rec.id;
  }

  existing(env: Env, model: string, ids: readonly number[]): Rec[] {
    const missing = ids.filter((id) => !env.db.get(model, id));
    if (missing.length) throw missingRecord(model, missing, env.uid);
    return ids.map((id) => env.db.get(model, id) as Rec);
  }

  write(env: Env, model: string, ids: readonly number[], vals: Record<string, unknown>): true {
    const d = this.model(model);
    this.checkFields(env, model, vals);
    const recs = this.existing(env, model, ids);
    d.beforeWrite?.(env, recs, vals);
    for (const rec of recs) {
      const patch: Record<string, unknown> = {};
      for (const [f, v] of Object.entries(vals)) {
        const def = d.fields[f];
        if (!def || def.compute || def.type === 'o2m') continue;
        patch[f] =
          def.type === 'm2m'
            ? this.m2mCommands(env, def, (rec[f] as number[]) ?? [], v)
            : this.coerce(env, model, f, def, v);
      }
      env.db.update(model, rec.id, patch);
      for (const [f, v] of Object.entries(vals)) {
        const def = d.fields[f];
        if (def?.type === 'o2m') this.o2mCommands(env, rec, f, def, v);
      }
    }
    d.afterWrite?.(env, recs, vals);
    return true;
  }

  unlink(env: Env, model: string, ids: readonly number[]): true {
    const d = this.model(model);
    const recs = this.existing(env, model, ids);
    d.beforeUnlink?.(env, recs);
    for (const r of recs) env.db.delete(model, r.id);
    return true;
  }

  read(
    env: Env,
    model: string,
    ids: readonly number[],
    fields?: readonly string[],
  ): Record<string, unknown>[] {
    const d = this.model(model);
    const names = fields?.length
      ? fields
      : Object.keys(d.fields).filter((f) => fieldExists(d.fields[f], env.version));
    for (const f of names) {
      if (f !== 'id' && f !== 'display_name' && !fieldExists(d.fields[f], env.version)) {
        throw invalidField(env.version, model, f, 'read');
      }
    }
    const out: Record<string, unknown>[] = [];
    for (const id of ids) {
      const rec = env.db.get(model, id);
      if (!rec) continue; // read of a missing id returns fewer rows, not an error (ODOO.md §2)
      const row: Record<string, unknown> = { id };
      for (const f of names) if (f !== 'id') row[f] = this.format(env, model, rec, f);
      out.push(row);
    }
    return out;
  }

  private format(env: Env, model: string, rec: Rec, field: string): unknown {
    const def = this.model(model).fields[field];
    const v = this.raw(env, model, rec, field);
    // answered to the second, whatever precision is stored (db.ts)
    if (def?.type === 'datetime' && typeof v === 'string') return v.slice(0, 19);
    if (def?.type !== 'm2o' || !def.comodel) return v;
    const id = m2oId(v);
    const target = id === false ? undefined : env.db.get(def.comodel, id);
    return target ? [target.id, this.displayName(env, def.comodel, target)] : false;
  }

  search(env: Env, model: string, domain: unknown, opts: SearchOptions = {}): number[] {
    const d = this.model(model);
    let pred = compileDomain(env, this, model, domain ?? []);
    const mentionsActive = JSON.stringify(domain ?? []).includes('"active"');
    if (d.fields.active && env.ctx.active_test !== false && !mentionsActive) {
      const base = pred;
      pred = (r) => r.active !== false && base(r);
    }
    const hits = sortRecords(env, this, model, env.db.where(model, pred), opts.order ?? d.order ?? 'id');
    const start = opts.offset ?? 0;
    const end = opts.limit ? start + opts.limit : undefined;
    return hits.slice(start, end).map((r) => r.id);
  }

  private coerce(env: Env, model: string, field: string, def: FieldDef, v: unknown): unknown {
    if (v === null || v === undefined) return false;
    switch (def.type) {
      case 'char':
      case 'text':
      case 'datetime':
      case 'date':
        return v === false ? false : typeof v === 'string' ? v : JSON.stringify(v);
      case 'bool':
        return Boolean(v);
      case 'int':
        if (v === false) return 0;
        if (typeof v === 'number' || /^\s*-?\d+\s*$/.test(str(v))) return Math.trunc(Number(v));
        throw notConvertible(v, 'int');
      case 'float':
        if (v === false) return 0;
        if (typeof v === 'number') return v;
        if (/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(str(v))) return Number(v);
        throw notConvertible(v, 'float');
      case 'selection':
        if (v === false || def.selection?.includes(str(v))) return v;
        throw new SimError(ExceptionName.valueError, `Wrong value for ${model}.${field}: ${pyRepr(v)}`);
      case 'm2o': {
        const id = m2oId(v);
        if (id !== false && def.comodel && !env.db.get(def.comodel, id)) {
          throw missingRecord(def.comodel, [id], env.uid);
        }
        return id;
      }
      case 'o2m':
      case 'm2m':
        return v;
    }
  }

  private m2mCommands(env: Env, def: FieldDef, current: number[], v: unknown): number[] {
    if (!Array.isArray(v)) return current;
    if (v.every((x) => typeof x === 'number')) return [...v];
    let ids = [...current];
    for (const cmd of v as unknown[][]) {
      const [op, id, arg] = cmd as [number, number, unknown];
      if (op === 6) ids = [...((arg as number[]) ?? [])];
      else if (op === 5) ids = [];
      else if (op === 4 && !ids.includes(id)) ids.push(id);
      else if (op === 3) ids = ids.filter((x) => x !== id);
      else if (op === 0 && def.comodel)
        ids.push(this.create(env, def.comodel, arg as Record<string, unknown>));
    }
    if (def.comodel) this.existing(env, def.comodel, ids);
    return ids;
  }

  private o2mCommands(env: Env, parent: Rec, field: string, def: FieldDef, v: unknown): void {
    if (!Array.isArray(v) || !def.comodel || !def.inverse) return;
    const { comodel, inverse } = def;
    const children = () => env.db.where(comodel, (c) => c[inverse] === parent.id).map((c) => c.id);
    for (const cmd of v as unknown[][]) {
      const [op, id, arg] = cmd as [number, number, unknown];
      if (op === 0) this.create(env, comodel, { ...(arg as Record<string, unknown>), [inverse]: parent.id });
      else if (op === 1) this.write(env, comodel, [id], arg as Record<string, unknown>);
      else if (op === 2 || op === 3) this.unlink(env, comodel, [id]);
      else if (op === 4) this.write(env, comodel, [id], { [inverse]: parent.id });
      else if (op === 5) for (const c of children()) this.unlink(env, comodel, [c]);
      else if (op === 6) {
        const keep = (arg as number[]) ?? [];
        for (const c of children()) if (!keep.includes(c)) this.unlink(env, comodel, [c]);
        for (const k of keep) this.write(env, comodel, [k], { [inverse]: parent.id });
      }
    }
    void field;
  }
}
