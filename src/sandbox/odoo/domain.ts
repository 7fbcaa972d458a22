/**
 * Odoo domains (prefix `&`, `|`, `!` and leaves `[field, op, value]`, dotted paths through
 * many2one fields) and `order` strings, evaluated over simulator records.
 */
import { invalidDomainField, leafRepr } from './messages.js';
import { fieldExists, m2oId } from './schema.js';
import type { FieldDef, ModelDef } from './schema.js';
import { ExceptionName, SimError } from './types.js';
import type { Env, Rec } from './types.js';

export interface ValueReader {
  model(name: string): ModelDef;
  /** A field's value as stored or computed (x2many as id lists, many2one as id or false). */
  raw(env: Env, model: string, rec: Rec, field: string): unknown;
}

type Pred = (rec: Rec) => boolean;

/** Compiles a domain into a predicate; unknown fields raise Odoo's ValueError. */
export function compileDomain(env: Env, orm: ValueReader, model: string, domain: unknown): Pred {
  if (!Array.isArray(domain))
    throw new SimError(ExceptionName.valueError, `Invalid domain ${String(domain)}`);
  const items = [...(domain as unknown[])];
  const stack: Pred[] = [];
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item === '&' || item === '|') {
      const a = stack.pop() ?? (() => true);
      const b = stack.pop() ?? (() => true);
      stack.push(item === '&' ? (r) => a(r) && b(r) : (r) => a(r) || b(r));
    } else if (item === '!') {
      const a = stack.pop() ?? (() => true);
      stack.push((r) => !a(r));
    } else {
      stack.push(compileLeaf(env, orm, model, item));
    }
  }
  // The stack holds the top-level terms last-first; testing them in written order lets a cheap
  // leading term (parent_id in …) spare the costly ones (a long OR of =ilike) on most records.
  const terms = stack.reverse();
  return (rec) => terms.every((p) => p(rec));
}

function compileLeaf(env: Env, orm: ValueReader, model: string, leaf: unknown): Pred {
  if (
    !Array.isArray(leaf) ||
    leaf.length !== 3 ||
    typeof leaf[0] !== 'string' ||
    typeof leaf[1] !== 'string'
  ) {
    throw new SimError(ExceptionName.valueError, `Invalid leaf ${JSON.stringify(leaf)}`);
  }
  const [path, op, value] = leaf as [string, string, unknown];
  const steps = path.split('.');
  let current = model;
  const defs: FieldDef[] = [];
  for (const step of steps) {
    const def = step === 'id' ? ({ type: 'int' } as FieldDef) : orm.model(current).fields[step];
    if (!fieldExists(def, env.version)) throw invalidDomainField(env.version, current, step, leafRepr(leaf));
    defs.push(def);
    if (def.comodel) current = def.comodel;
  }
  const test = compileMatch(op, value);
  if (steps.length === 1) {
    // One field of the record itself, the common case: no path to follow.
    const [step] = steps as [string];
    const many = defs[0]!.type !== 'm2o';
    return (rec) => {
      const v = step === 'id' ? rec.id : orm.raw(env, model, rec, step);
      if (Array.isArray(v) && many) return v.length ? (v as unknown[]).some(test) : test(false);
      return test(v);
    };
  }
  return (rec) => valuesAt(env, orm, model, rec, steps).some(test);
}

/** A leaf's comparison, its pattern compiled once per search rather than once per record. */
function compileMatch(op: string, value: unknown): (raw: unknown) => boolean {
  switch (op) {
    case 'like':
    case 'ilike':
    case '=like':
    case '=ilike': {
      const re = likeRegex(String(value), op.startsWith('='), op.endsWith('ilike') ? 'i' : '');
      return (raw) => {
        const v = norm(raw);
        return typeof v === 'string' && re.test(v);
      };
    }
    default:
      return (raw) => matches(raw, op, value);
  }
}

/** Follows a dotted path; x2many steps fan out, so a leaf holds when any reached value matches. */
function valuesAt(env: Env, orm: ValueReader, model: string, rec: Rec, steps: string[]): unknown[] {
  let level: { model: string; rec: Rec }[] = [{ model, rec }];
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i] ?? '';
    const last = i === steps.length - 1;
    const next: { model: string; rec: Rec }[] = [];
    const values: unknown[] = [];
    for (const { model: m, rec: r } of level) {
      const v = step === 'id' ? r.id : orm.raw(env, m, r, step);
      const def = orm.model(m).fields[step];
      if (last) {
        const list: unknown[] = Array.isArray(v) && def?.type !== 'm2o' ? (v as unknown[]) : [v];
        values.push(...(list.length ? list : [false]));
        continue;
      }
      const ids = Array.isArray(v) ? (v as number[]) : m2oId(v) === false ? [] : [m2oId(v) as number];
      for (const id of ids) {
        const child = def?.comodel ? env.db.get(def.comodel, id) : undefined;
        if (child && def?.comodel) next.push({ model: def.comodel, rec: child });
      }
    }
    if (last) return values;
    level = next;
  }
  return [];
}

function norm(v: unknown): unknown {
  if (v === null || v === undefined) return false;
  return m2oId(v) !== false && Array.isArray(v) ? m2oId(v) : v;
}

/** Compiled patterns: a search compares one pattern with every record (profile: 20% of the simulator). */
const likeCache = new Map<string, RegExp>();

function likeRegex(pattern: string, anchored: boolean, flags: string): RegExp {
  const key = `${anchored ? '^' : ''}${flags}\u0000${pattern}`;
  let re = likeCache.get(key);
  if (!re) {
    const esc = pattern
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace(/%/g, '.*')
      .replace(/_/g, '.');
    re = new RegExp(anchored ? `^${esc}$` : esc, flags);
    if (likeCache.size > 10_000) likeCache.clear();
    likeCache.set(key, re);
  }
  return re;
}

function matches(raw: unknown, op: string, value: unknown): boolean {
  const v = norm(raw);
  switch (op) {
    case '=':
      return v === norm(value) || (value === false && (v === false || v === ''));
    case '!=':
      return !matches(raw, '=', value);
    case 'in':
      return Array.isArray(value) && value.some((x) => matches(raw, '=', x));
    case 'not in':
      return !matches(raw, 'in', value);
    case '<':
    case '<=':
    case '>':
    case '>=':
      return compare(v, op, value);
    case 'like':
    case 'ilike':
      return typeof v === 'string' && likeRegex(String(value), false, op === 'ilike' ? 'i' : '').test(v);
    case 'not ilike':
    case 'not like':
      return !matches(raw, op.slice(4), value);
    case '=like':
    case '=ilike':
      return typeof v === 'string' && likeRegex(String(value), true, op === '=ilike' ? 'i' : '').test(v);
    default:
      throw new SimError(ExceptionName.valueError, `Invalid operator ${op}`);
  }
}

function compare(v: unknown, op: string, value: unknown): boolean {
  if (v === false || value === false || v === null) return false;
  const a = v as number | string;
  const b = value as number | string;
  if (op === '<') return a < b;
  if (op === '<=') return a <= b;
  if (op === '>') return a > b;
  return a >= b;
}

/** Sorts by an Odoo order string ("write_date asc, id asc"); ties fall back to id. */
export function sortRecords(env: Env, orm: ValueReader, model: string, recs: Rec[], order: string): Rec[] {
  const keys = order
    .split(',')
    .map((s) => s.trim().split(/\s+/))
    .filter((p) => p[0])
    .map(([f, dir]) => ({ field: f ?? 'id', desc: (dir ?? '').toLowerCase() === 'desc' }));
  const val = (r: Rec, f: string): unknown => norm(f === 'id' ? r.id : orm.raw(env, model, r, f));
  return [...recs].sort((x, y) => {
    for (const k of [...keys, { field: 'id', desc: false }]) {
      const a = val(x, k.field) as number | string;
      const b = val(y, k.field) as number | string;
      if (a === b) continue;
      const c = a < b ? -1 : 1;
      return k.desc ? -c : c;
    }
    return 0;
  });
}
