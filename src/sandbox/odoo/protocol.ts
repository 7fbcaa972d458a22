/**
 * Both wire protocols over SimCore: JSON-RPC `/jsonrpc` (every version; errors are HTTP 200 with
 * `error.data.name`, `error.code` 200 up to 18 and 0 in 19) and JSON-2 `/json/2/<model>/<method>`
 * (19 only; real HTTP statuses, body `{name, message, arguments, context, debug}`), per ODOO.md §1, §4, §5.
 */
import type { MethodDef } from './schema.js';
import type { SimCore } from './simulator.js';
import { ExceptionName, SimError, isSimError } from './types.js';
import type { Context } from './types.js';

export interface HttpAnswer {
  status: number;
  contentType: string;
  body: string;
  /** The call was executed (committed) before the answer was produced. */
  committed: boolean;
  model?: string;
  method?: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';

function errorData(e: SimError): Record<string, unknown> {
  return {
    name: e.exception,
    message: e.message,
    arguments: [e.message, ...e.extraArgs],
    context: {},
    debug: `Traceback (most recent call last):\n  File "odoo/http.py", line 1, in _serve_db\n${e.exception}: ${e.message}\n`,
  };
}

function asSimError(e: unknown): SimError {
  if (isSimError(e)) return e;
  const msg = e instanceof Error ? e.message : String(e);
  return new SimError(ExceptionName.typeError, msg);
}

export function jsonRpcError(core: SimCore, id: unknown, e: unknown): HttpAnswer {
  const err = asSimError(e);
  const body = {
    jsonrpc: '2.0',
    id: id ?? null,
    error: { code: core.version >= 19 ? 0 : 200, message: 'Odoo Server Error', data: errorData(err) },
  };
  return { status: 200, contentType: JSON_TYPE, body: JSON.stringify(body), committed: false };
}

function typeError(msg: string): SimError {
  return new SimError(ExceptionName.typeError, msg);
}

/**
 * Odoo's `call_kw` reads a record method's ids from `args[0]`, and adapts `create`'s answer from
 * `args[0]` (a dict → an id, a list → ids): either missing raises IndexError, and for `create` the
 * transaction is rolled back, so nothing is created (odoo/service/model.py; calls-*.json, where
 * 17/18 say "tuple index out of range" and 19 "list index out of range").
 */
function indexError(core: SimCore): SimError {
  const seq = core.version >= 19 ? 'list' : 'tuple';
  return new SimError(ExceptionName.indexError, `${seq} index out of range`);
}

/**
 * Python's names of `write`'s argument where it is not `vals`, with the class named in the
 * TypeError: sale and sale_stock name it `values` on sale.order and sale.order.line up to 18
 * (sale/models/sale_order.py and sale_stock/models/sale_order*.py of 17 and 18; Odoo 17 answered
 * "SaleOrder.write() got an unexpected keyword argument 'vals'"); 19 names it `vals` throughout.
 */
function writeParam(core: SimCore, model: string): { name: string; cls: string } | undefined {
  if (core.version >= 19) return undefined;
  // 18's sale names it `vals` on sale.order; sale_stock's override names it `values`.
  if (model === 'sale.order' && (core.version <= 17 || core.orm.apps.has('stock')))
    return { name: 'values', cls: 'SaleOrder' };
  if (model === 'sale.order.line') return { name: 'values', cls: 'SaleOrderLine' };
  return undefined;
}

/**
 * execute_kw's positional args and kwargs → ids + named params, bound the way Python binds them:
 * too many positionals, an unknown keyword, a parameter given twice or a required one missing is
 * a TypeError, as the method call itself would raise.
 */
function fromPositional(
  core: SimCore,
  def: MethodDef,
  method: string,
  args: unknown[],
  kwargs: Record<string, unknown>,
) {
  const rest = [...args];
  let ids: number[] = [];
  if (!def.modelLevel) {
    if (rest.length === 0) throw indexError(core);
    const first = rest.shift();
    ids = typeof first === 'number' ? [first] : Array.isArray(first) ? (first as number[]) : [];
  }
  if (method === 'create' && rest.length === 0) throw indexError(core);
  if (rest.length > def.params.length) {
    throw typeError(
      `${method}() takes ${def.params.length + 1} positional arguments but ${rest.length + 1} were given`,
    );
  }
  const params: Record<string, unknown> = {};
  def.params.forEach((name, i) => {
    if (i < rest.length) params[name] = rest[i];
  });
  for (const [k, v] of Object.entries(kwargs)) {
    if (k === 'context') continue;
    if (k in params) throw typeError(`${method}() got multiple values for argument '${k}'`);
    if (!def.params.includes(k) && !def.varKw)
      throw typeError(`${method}() got an unexpected keyword argument '${k}'`);
    params[k] = v;
  }
  const missing = (def.required ?? []).find((r) => params[r] === undefined);
  if (missing) throw typeError(`${method}() missing 1 required positional argument: '${missing}'`);
  return { ids, params, context: (kwargs.context as Context | undefined) ?? {} };
}

function versionInfo(core: SimCore): Record<string, unknown> {
  const serie = `${core.version}.0`;
  return {
    server_version: core.version >= 19 ? serie : `${serie}-20240709`,
    server_version_info: [core.version, 0, 0, 'final', 0, ''],
    server_serie: serie,
    protocol_version: 1,
  };
}

async function executeKw(
  core: SimCore,
  args: unknown[],
): Promise<{ result: unknown; model: string; method: string }> {
  const [db, uid, secret, model, method, pargs, kwargs] = args as [
    string,
    number,
    string,
    string,
    string,
    unknown[],
    Record<string, unknown>,
  ];
  core.checkDb(String(db));
  core.checkUid(Number(uid), String(secret));
  const def = core.resolve(Number(uid), String(model), String(method));
  const named = method === 'write' ? writeParam(core, String(model)) : undefined;
  if (named && kwargs && 'vals' in kwargs)
    throw typeError(`${named.cls}.write() got an unexpected keyword argument 'vals'`);
  const call = fromPositional(core, def, String(method), Array.isArray(pargs) ? pargs : [], kwargs ?? {});
  const result = await core.invoke(def, { uid: Number(uid), model, method, ...call });
  return { result, model, method };
}

/** One JSON-RPC request body → answer. */
export async function handleJsonRpc(core: SimCore, raw: unknown): Promise<HttpAnswer> {
  const body = (raw ?? {}) as {
    id?: unknown;
    params?: { service?: string; method?: string; args?: unknown[] };
  };
  const { service, method, args = [] } = body.params ?? {};
  const ok = (result: unknown, extra: Partial<HttpAnswer> = {}): HttpAnswer => ({
    status: 200,
    contentType: JSON_TYPE,
    body: JSON.stringify({ jsonrpc: '2.0', id: body.id ?? null, result: result ?? null }),
    committed: false,
    ...extra,
  });
  try {
    if (service === 'common' && method === 'version') return ok(versionInfo(core));
    if (service === 'common' && (method === 'authenticate' || method === 'login')) {
      core.checkDb(String(args[0]));
      return ok(core.authenticate(String(args[1]), String(args[2])));
    }
    if (service === 'object' && method === 'execute_kw') {
      const r = await executeKw(core, args);
      return ok(r.result, { committed: true, model: r.model, method: r.method });
    }
    throw new SimError(ExceptionName.notFound, `Service ${String(service)}.${String(method)} not found`);
  } catch (e) {
    return jsonRpcError(core, body.id, e);
  }
}

export function json2Error(e: unknown): HttpAnswer {
  const err = asSimError(e);
  return {
    status: err.httpStatus,
    contentType: JSON_TYPE,
    body: JSON.stringify(errorData(err)),
    committed: false,
  };
}

function unprocessable(msg: string): SimError {
  return new SimError(ExceptionName.unprocessable, msg, 422, [422]);
}

function notFound(msg: string): SimError {
  return new SimError(ExceptionName.notFound, msg, 404, [404]);
}

/** JSON-2 named body → ids + params, with the 422 answers Odoo 19 gives (ODOO.md §5). */
function fromNamed(def: MethodDef, model: string, method: string, raw: unknown) {
  const body = raw as Record<string, unknown>;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw unprocessable(`missing a required argument: '${def.required?.[0] ?? 'ids'}'`);
  }
  const missing = (def.required ?? []).find((r) => body[r] === undefined);
  if (missing) throw unprocessable(`missing a required argument: '${missing}'`);
  if (def.modelLevel && body.ids !== undefined)
    throw unprocessable(`cannot call ${model}.${method} with ids`);
  const params: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === 'ids' || k === 'context') continue;
    if (!def.params.includes(k) && !def.varKw)
      throw unprocessable(`got an unexpected keyword argument '${k}'`);
    params[k] = v;
  }
  if (method === 'create' && !Array.isArray(params.vals_list)) params.vals_list = [params.vals_list];
  const ids = Array.isArray(body.ids)
    ? (body.ids as number[])
    : typeof body.ids === 'number'
      ? [body.ids]
      : [];
  return { ids, params, context: (body.context as Context | undefined) ?? {} };
}

/** One JSON-2 request → answer; `key` is the bearer token, `db` the X-Odoo-Database header. */
export async function handleJson2(
  core: SimCore,
  model: string,
  method: string,
  key: string | undefined,
  db: string | undefined,
  raw: unknown,
): Promise<HttpAnswer> {
  try {
    const user = key ? core.userByKey(key) : undefined;
    if (!user) throw new SimError(ExceptionName.unauthorized, 'Invalid apikey', 401, [401]);
    // Not observed: a wrong X-Odoo-Database is answered as an unknown database (404).
    if (db !== undefined && db !== core.dbName) throw notFound(`database '${db}' not found`);
    if (!core.orm.hasModel(model)) throw notFound(`the model '${model}' does not exist`);
    let def: MethodDef;
    try {
      def = core.resolve(user.uid, model, method);
    } catch (e) {
      if (isSimError(e) && e.exception === ExceptionName.attributeError) throw notFound(e.message);
      throw e;
    }
    const call = fromNamed(def, model, method, raw);
    const result = await core.invoke(def, { uid: user.uid, model, method, ...call });
    return {
      status: 200,
      contentType: JSON_TYPE,
      body: JSON.stringify(result ?? null),
      committed: true,
      model,
      method,
    };
  } catch (e) {
    return json2Error(e);
  }
}
