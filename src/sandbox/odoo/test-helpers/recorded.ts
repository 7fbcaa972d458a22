/**
 * Replays recorded HTTP calls to real Odoo (shared/odoo-observed calls-*.json, flow-*.json) against
 * the simulator, over both protocols: ids in requests are translated from the real run's to the
 * simulator's (learnt from earlier answers), each answer is compared with the real one by status,
 * exception name and message (digits masked), or by shape (see replay.ts). Used by tests only.
 */
import type { OdooSimulator } from '../server.js';
import { Translator, actionCore, isObj, mask, shape } from './replay.js';

export interface RecordedCall {
  case?: string;
  request: {
    method?: string;
    path?: string;
    /** calls-*.json write the path under the HTTP method's name. */
    POST?: string;
    headers?: Record<string, string>;
    body: unknown;
  };
  answer: { status: number; body: unknown };
}

/** The recorded value translated leaf by leaf: `[field, op, ids]` on a relational field maps the ids. */
function translateDomain(t: Translator, model: string, domain: unknown): unknown {
  if (!Array.isArray(domain)) return domain;
  return (domain as unknown[]).map((leaf: unknown): unknown => {
    if (!Array.isArray(leaf) || leaf.length !== 3 || typeof leaf[0] !== 'string') return leaf;
    const [field, op, value] = leaf as [string, string, unknown];
    const co = t.comodelOf(model, field);
    if (!co) return leaf as unknown[];
    const id = (v: unknown) => (typeof v === 'number' ? t.id(co, v) : v);
    return [field, op, Array.isArray(value) ? (value as unknown[]).map(id) : id(value)];
  });
}

function translateNamed(
  t: Translator,
  model: string,
  body: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...body };
  if (Array.isArray(body.ids)) out.ids = (body.ids as number[]).map((x) => t.id(model, x));
  if (Array.isArray(body.vals_list)) out.vals_list = body.vals_list.map((v) => t.vals(model, v));
  if (body.vals !== undefined) out.vals = t.vals(model, body.vals);
  if (body.domain !== undefined) out.domain = translateDomain(t, model, body.domain);
  if (body.context !== undefined) out.context = t.context(body.context);
  return out;
}

function translatePositional(t: Translator, model: string, method: string, args: unknown[]): unknown[] {
  const [first, ...rest] = args;
  const recordIds = Array.isArray(first) && first.every((x) => typeof x === 'number');
  if (recordIds && method !== 'create' && method !== 'fields_get') {
    return [first.map((id) => t.id(model, id)), ...rest.map((a) => t.vals(model, a))];
  }
  if (args.length && (method === 'search_read' || method === 'search' || method === 'search_count'))
    return [translateDomain(t, model, first), ...rest];
  if (method === 'create' && Array.isArray(first)) return [first.map((v) => t.vals(model, v)), ...rest];
  return args.map((a) => t.vals(model, a));
}

interface Prepared {
  path: string;
  headers: Record<string, string>;
  body: unknown;
  model: string;
}

function prepare(sim: OdooSimulator, t: Translator, key: string, call: RecordedCall): Prepared {
  const path = call.request.path ?? call.request.POST ?? '';
  const db = sim.core.dbName;
  const json2 = /^\/json\/2\/([^/]+)\/([^/]+)$/.exec(path);
  if (json2) {
    const model = json2[1] ?? '';
    const body = isObj(call.request.body) ? translateNamed(t, model, call.request.body) : call.request.body;
    return {
      path,
      headers: { 'content-type': 'application/json', authorization: `bearer ${key}`, 'x-odoo-database': db },
      body,
      model,
    };
  }
  const rpc = call.request.body as { params: { service: string; method: string; args: unknown[] } };
  const { service, method, args } = rpc.params;
  let newArgs = args;
  let model = '';
  if (service === 'common' && (method === 'authenticate' || method === 'login'))
    newArgs = [db, 'admin', key, ...args.slice(3)];
  if (service === 'object' && method === 'execute_kw') {
    const [, uid, , m, meth, pargs, kwargs] = args as [
      string,
      number,
      string,
      string,
      string,
      unknown[],
      unknown,
    ];
    model = m;
    const kw = isObj(kwargs) ? translateNamed(t, m, kwargs) : kwargs;
    newArgs = [
      db,
      uid,
      key,
      m,
      meth,
      translatePositional(t, m, meth, pargs ?? []),
      ...(kw === undefined ? [] : [kw]),
    ];
  }
  return {
    path,
    headers: { 'content-type': 'application/json' },
    body: { ...(rpc as object), params: { service, method, args: newArgs } },
    model,
  };
}

/** Compares one answer; returns what differs, or undefined. */
function compare(recorded: RecordedCall['answer'], status: number, body: unknown): string | undefined {
  if (status !== recorded.status)
    return `HTTP ${status}, real Odoo ${recorded.status}: ${JSON.stringify(body).slice(0, 300)}`;
  const real = isObj(recorded.body) && 'jsonrpc' in recorded.body ? recorded.body : undefined;
  const errOf = (b: unknown): Record<string, unknown> | undefined => {
    if (!isObj(b)) return undefined;
    if (real)
      return isObj(b.error) && isObj(b.error.data) ? { code: b.error.code, ...b.error.data } : undefined;
    return status >= 400 ? b : undefined;
  };
  const want = errOf(recorded.body);
  const got = errOf(body);
  if (want || got) {
    if (!want || !got)
      return `error ${JSON.stringify(got ?? body).slice(0, 300)}, real Odoo ${JSON.stringify(want ?? recorded.body).slice(0, 300)}`;
    if (want.name !== got.name || want.code !== got.code)
      return `${String(got.name)} (code ${String(got.code)}), real Odoo ${String(want.name)} (code ${String(want.code)})`;
    if (mask(String(got.message)) !== mask(String(want.message)))
      return `message ${JSON.stringify(got.message)}, real Odoo ${JSON.stringify(want.message)}`;
    return undefined;
  }
  const r = real ? (recorded.body as { result?: unknown }).result : recorded.body;
  const s = real && isObj(body) ? body.result : body;
  const a = JSON.stringify(shape(actionCore(s ?? null)));
  const b = JSON.stringify(shape(actionCore(r ?? null)));
  return a === b ? undefined : `answer ${a.slice(0, 400)}, real Odoo ${b.slice(0, 400)}`;
}

/**
 * Sends every recorded request to the simulator in order; returns one line per answer that does
 * not agree with real Odoo's (empty when all agree).
 */
export async function replayRecorded(
  sim: OdooSimulator,
  calls: readonly RecordedCall[],
  key: string,
  t: Translator = new Translator(sim.core),
): Promise<string[]> {
  const out: string[] = [];
  for (const [i, call] of calls.entries()) {
    const p = prepare(sim, t, key, call);
    const res = await fetch(`${sim.url}${p.path}`, {
      method: 'POST',
      headers: p.headers,
      body: JSON.stringify(p.body),
    });
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    const where = `#${i} ${call.case ?? ''} ${p.path} ${p.model}`.trim();
    const diff = compare(call.answer, res.status, body);
    if (diff) out.push(`${where}: ${diff}`);
    const realResult =
      isObj(call.answer.body) && 'jsonrpc' in call.answer.body ? call.answer.body.result : call.answer.body;
    const simResult = isObj(body) && 'jsonrpc' in body ? body.result : body;
    if (p.model && realResult !== undefined) {
      const target =
        isObj(realResult) && typeof realResult.res_model === 'string' ? realResult.res_model : p.model;
      t.learn(target === p.model || !isObj(realResult) ? p.model : target, realResult, simResult);
    }
  }
  return out;
}
