/**
 * A request's shape: protocol, model, method and how its arguments are laid out (ids, a vals dict,
 * a list of them, a domain…, the keyword names and the context keys), without the values. Two
 * requests of one shape are accepted or refused alike by Odoo, so a shape seen answered by a real
 * server (shared/odoo-observed) is verified for every request of that shape.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { observedDir } from '../../../sandbox/odoo/test-helpers/observed.js';

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function kind(v: unknown): string {
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    if (v.every((x) => typeof x === 'number')) return 'ids';
    if (v.every(isObj)) return 'vals[]';
    return 'domain';
  }
  if (isObj(v)) return 'vals';
  return typeof v;
}

const keys = (o: unknown, skip: string[] = []) =>
  isObj(o)
    ? Object.keys(o)
        .filter((k) => !skip.includes(k))
        .sort()
        .join(',')
    : '';

/** `jsonrpc res.partner.create (vals[]) {} ctx{lang}` or `json2 sale.order.read {fields,ids}`; undefined for non-calls. */
export function requestShape(path: string, body: unknown): string | undefined {
  const json2 = /^\/json\/2\/([^/]+)\/([^/]+)$/.exec(path);
  if (json2) {
    const b = isObj(body) ? body : {};
    return `json2 ${json2[1]}.${json2[2]} {${keys(b, ['context'])}} ctx{${keys(b.context)}}`;
  }
  if (path === '/web/webclient/version_info') return 'web version_info';
  if (path !== '/jsonrpc' || !isObj(body) || !isObj(body.params)) return undefined;
  const { service, method, args } = body.params as { service: string; method: string; args: unknown[] };
  if (service !== 'object') return `jsonrpc ${service}.${method}`;
  const [, , , model, meth, pargs, kwargs] = args as [
    unknown,
    unknown,
    unknown,
    string,
    string,
    unknown[],
    unknown,
  ];
  const pos = (Array.isArray(pargs) ? pargs : []).map(kind).join(', ');
  const kw = isObj(kwargs) ? kwargs : {};
  return `jsonrpc ${model}.${meth} (${pos}) {${keys(kw, ['context'])}} ctx{${keys(kw.context)}}`;
}

interface LogEntry {
  model: string;
  method: string;
  args: unknown[];
  kwargs?: Record<string, unknown>;
  ok?: boolean;
}

/** Every shape real Odoo answered without refusing it, in calls-*, flow-* and scenario-*.json. */
export function recordedShapes(): Set<string> {
  const dir = observedDir();
  const out = new Set<string>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    const data = JSON.parse(readFileSync(join(dir, f), 'utf8').replace(/^\uFEFF/, '')) as unknown;
    if (!isObj(data)) continue;
    if (/^(calls|flow)-/.test(f) && Array.isArray(data.calls)) {
      for (const c of data.calls as {
        request: { path?: string; POST?: string; body: unknown };
        answer: { status: number; body: unknown };
      }[]) {
        const path = c.request.path ?? c.request.POST ?? '';
        const refused = c.answer.status >= 400 || (isObj(c.answer.body) && 'error' in c.answer.body);
        const shape = requestShape(path, c.request.body);
        if (shape && !refused) out.add(shape);
      }
    }
    if (/^scenario-/.test(f) && Array.isArray(data.log)) {
      for (const e of data.log as LogEntry[]) {
        if (e.ok === false) continue;
        const body = {
          params: {
            service: 'object',
            method: 'execute_kw',
            args: ['db', 2, 'k', e.model, e.method, e.args, e.kwargs ?? {}],
          },
        };
        out.add(requestShape('/jsonrpc', body)!);
      }
    }
  }
  return out;
}
