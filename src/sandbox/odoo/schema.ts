/**
 * How the simulator describes a model: fields (with the versions that have them), required fields,
 * computed fields, and public methods with their parameter names. The parameter names make one
 * definition serve both protocols: JSON-RPC passes them positionally or as kwargs, JSON-2 by name.
 */
import type { Env, OdooVersion, Rec } from './types.js';

export const FieldType = {
  char: 'char',
  text: 'text',
  int: 'int',
  float: 'float',
  bool: 'bool',
  selection: 'selection',
  m2o: 'm2o',
  o2m: 'o2m',
  m2m: 'm2m',
  datetime: 'datetime',
  date: 'date',
} as const;
export type FieldType = (typeof FieldType)[keyof typeof FieldType];

export interface FieldDef {
  type: FieldType;
  /** Target model of a relational field. */
  comodel?: string;
  /** For one2many: the many2one on the comodel that points back. */
  inverse?: string;
  label?: string;
  required?: boolean;
  /** Versions that have the field; all when absent. */
  versions?: readonly OdooVersion[];
  /**
   * The app (module) that adds the field to a model of another app; without it the field does
   * not exist (stock.picking.carrier_tracking_ref comes with stock_delivery, 16: delivery).
   */
  app?: App;
  selection?: readonly string[];
  default?: unknown;
  /** Computed at read time (not stored, not writable). */
  compute?: (env: Env, rec: Rec) => unknown;
}

export type AccessOp = 'read' | 'write' | 'create' | 'unlink';

export interface MethodDef {
  /** Parameter names after `self`, in Python order. */
  params: readonly string[];
  /** Parameters without a default (JSON-2 answers 422 when one is missing). */
  required?: readonly string[];
  /** `@api.model`: no ids (JSON-2 answers 422 when ids are given). */
  modelLevel?: boolean;
  /**
   * Python `**kwargs` after the named parameters (search_read's read options, message_post's
   * extra values): unknown keywords are passed on instead of refused.
   */
  varKw?: boolean;
  access: AccessOp;
  versions?: readonly OdooVersion[];
  run(env: Env, ids: number[], params: Record<string, unknown>): unknown;
  /**
   * Runs before the transaction and may wait (env.pause) to expose what concurrent calls on the
   * same document do; returns the release to run when the call ends.
   */
  guard?(env: Env, ids: number[]): Promise<() => void>;
}

/** The Odoo app (module) that brings a model; absent apps make their models unknown. */
export type App = 'base' | 'sale' | 'stock' | 'account' | 'delivery';

export interface ModelDef {
  name: string;
  /** `_description`, used in error texts ("Sales Order"). */
  label: string;
  app: App;
  /** Versions that have the model; all when absent. */
  versions?: readonly OdooVersion[];
  fields: Record<string, FieldDef>;
  /** Default search order. */
  order?: string;
  displayName?: (env: Env, rec: Rec) => string;
  methods?: Record<string, MethodDef>;
  /** Fills defaults that depend on other values, before required fields are checked. */
  prepare?: (env: Env, vals: Record<string, unknown>) => void;
  /** Replaces the generic create (stock.quant reuses an existing row). */
  createOverride?: (env: Env, vals: Record<string, unknown>) => number | undefined;
  afterCreate?: (env: Env, rec: Rec) => void;
  beforeWrite?: (env: Env, recs: Rec[], vals: Record<string, unknown>) => void;
  afterWrite?: (env: Env, recs: Rec[], vals: Record<string, unknown>) => void;
  beforeUnlink?: (env: Env, recs: Rec[]) => void;
}

export function fieldExists(def: FieldDef | undefined, v: OdooVersion): def is FieldDef {
  return def !== undefined && (def.versions === undefined || def.versions.includes(v));
}

/** The versions from `from` upward (or up to `to`), for field and method availability. */
export function since(from: OdooVersion, to: OdooVersion = 19): OdooVersion[] {
  return ([16, 17, 18, 19] as const).filter((v) => v >= from && v <= to);
}

export function m2oId(value: unknown): number | false {
  if (typeof value === 'number') return value;
  if (Array.isArray(value) && typeof value[0] === 'number') return value[0];
  return false;
}

/** Rounds like Odoo's float_round to `digits` decimals, half away from zero. */
export function roundTo(value: number, digits = 2): number {
  const f = 10 ** digits;
  const scaled = Math.abs(value) * f;
  const r = Math.round(scaled + 1e-9 * Math.max(1, scaled)) / f;
  return value < 0 ? -r : r;
}
