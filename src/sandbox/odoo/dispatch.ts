/**
 * Turns one call (model, method, ids, named params, context) into a result, in the order Odoo
 * checks things: unknown model, private method, unknown method, access rights, then the method
 * in one transaction. Generic ORM methods are defined here; model methods live with their models.
 */
import { aclRefused, privateMethod, unknownMethod } from './messages.js';
import type { Orm } from './orm.js';
import { fieldExists } from './schema.js';
import type { AccessOp, FieldType, MethodDef } from './schema.js';
import type { Env } from './types.js';

/** Per-user ACL: `all`, or the operations allowed per model. */
export type Access = 'all' | Record<string, readonly AccessOp[]>;

function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

/** `create` accepts one dict (answering an id) or a list of dicts (answering a list) over JSON-RPC. */
function createMethod(orm: Orm): MethodDef {
  return {
    params: ['vals_list'],
    required: ['vals_list'],
    modelLevel: true,
    access: 'create',
    run: (env, _ids, p) => {
      const model = String(p.__model);
      if (Array.isArray(p.vals_list))
        return (p.vals_list as Record<string, unknown>[]).map((v) => orm.create(env, model, v));
      return orm.create(env, model, p.vals_list as Record<string, unknown>);
    },
  };
}

/** Odoo's field type names, as fields_get answers them. */
const ODOO_TYPE: Record<FieldType, string> = {
  char: 'char',
  text: 'text',
  int: 'integer',
  float: 'float',
  bool: 'boolean',
  selection: 'selection',
  m2o: 'many2one',
  o2m: 'one2many',
  m2m: 'many2many',
  datetime: 'datetime',
  date: 'date',
};

/**
 * `fields_get(allfields=None, attributes=None)`: only fields that exist are answered; an absent one
 * is left out, not refused (calls-17.json: `{}` for carrier_tracking_ref without stock_delivery).
 */
function fieldsGet(orm: Orm): MethodDef {
  return {
    params: ['allfields', 'attributes'],
    modelLevel: true,
    access: 'read',
    run: (env, _ids, p) => {
      const d = orm.model(String(p.__model));
      const wanted = Array.isArray(p.allfields) && p.allfields.length ? (p.allfields as string[]) : undefined;
      const attrs = Array.isArray(p.attributes) ? (p.attributes as string[]) : ['type', 'string'];
      const out: Record<string, Record<string, unknown>> = {};
      for (const [name, f] of Object.entries(d.fields)) {
        if ((wanted && !wanted.includes(name)) || !fieldExists(f, env.version)) continue;
        const all: Record<string, unknown> = {
          type: ODOO_TYPE[f.type],
          string:
            f.label ??
            name
              .replace(/_id$/, '')
              .replace(/_/g, ' ')
              .replace(/^./, (c) => c.toUpperCase()),
          required: f.required ?? false,
          ...(f.comodel ? { relation: f.comodel } : {}),
        };
        out[name] = Object.fromEntries(attrs.filter((a) => a in all).map((a) => [a, all[a]]));
      }
      return out;
    },
  };
}

export function genericMethods(orm: Orm): Record<string, MethodDef> {
  const m = (p: Record<string, unknown>) => String(p.__model);
  return {
    create: createMethod(orm),
    fields_get: fieldsGet(orm),
    read: {
      params: ['fields', 'load'],
      access: 'read',
      run: (env, ids, p) => orm.read(env, m(p), ids, p.fields as string[]),
    },
    write: {
      params: ['vals'],
      required: ['vals'],
      access: 'write',
      run: (env, ids, p) => orm.write(env, m(p), ids, p.vals as Record<string, unknown>),
    },
    unlink: { params: [], access: 'unlink', run: (env, ids, p) => orm.unlink(env, m(p), ids) },
    search: {
      params: ['domain', 'offset', 'limit', 'order'],
      required: ['domain'],
      modelLevel: true,
      access: 'read',
      run: (env, _ids, p) =>
        orm.search(env, m(p), p.domain, {
          offset: num(p.offset),
          limit: num(p.limit),
          order: p.order as string,
        }),
    },
    search_read: {
      params: ['domain', 'fields', 'offset', 'limit', 'order'],
      // `**read_kwargs` (load=…) are passed on to read (odoo/models.py search_read)
      varKw: true,
      modelLevel: true,
      access: 'read',
      run: (env, _ids, p) => {
        const ids = orm.search(env, m(p), p.domain ?? [], {
          offset: num(p.offset),
          limit: num(p.limit),
          order: p.order as string,
        });
        return orm.read(env, m(p), ids, p.fields as string[]);
      },
    },
    search_count: {
      params: ['domain', 'limit'],
      required: ['domain'],
      modelLevel: true,
      access: 'read',
      run: (env, _ids, p) => orm.search(env, m(p), p.domain, { limit: num(p.limit) }).length,
    },
  };
}

/** Access probes; `check_access_rights` up to 18, `has_access` from 18 (it replaced the former). */
export function accessMethods(allowed: (model: string, op: AccessOp) => boolean): Record<string, MethodDef> {
  const op = (v: unknown): AccessOp =>
    ['read', 'write', 'create', 'unlink'].includes(String(v)) ? (v as AccessOp) : 'read';
  return {
    check_access_rights: {
      params: ['operation', 'raise_exception'],
      required: ['operation'],
      modelLevel: true,
      access: 'read',
      versions: [16, 17, 18],
      run: (_env, _ids, p) => allowed(String(p.__model), op(p.operation)),
    },
    has_access: {
      params: ['operation'],
      required: ['operation'],
      access: 'read',
      versions: [18, 19],
      run: (_env, _ids, p) => allowed(String(p.__model), op(p.operation)),
    },
  };
}

export function allowedBy(access: Access): (model: string, op: AccessOp) => boolean {
  return (model, op) => access === 'all' || (access[model]?.includes(op) ?? false);
}

/** Finds the method or raises what Odoo raises; the caller checks ACL and runs it. */
export function resolveMethod(env: Env, orm: Orm, model: string, method: string, access: Access): MethodDef {
  const def = orm.model(model);
  if (method.startsWith('_')) throw privateMethod(env.version, model, method);
  const generic = { ...genericMethods(orm), ...accessMethods(allowedBy(access)) };
  const found = def.methods?.[method] ?? generic[method];
  if (!found || (found.versions && !found.versions.includes(env.version))) {
    throw unknownMethod(env.version, model, method);
  }
  const probe = method === 'check_access_rights' || method === 'has_access';
  if (!probe && !allowedBy(access)(model, found.access)) throw aclRefused(model, def.label, found.access);
  return found;
}
