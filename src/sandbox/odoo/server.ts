/**
 * The Odoo simulator as an HTTP server (node:http, port 0), with knobs for latency, random
 * failures, outage windows and "commit, then drop the answer", and counters per model.method.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleJson2, handleJsonRpc, json2Error, jsonRpcError } from './protocol.js';
import type { HttpAnswer } from './protocol.js';
import { SimCore } from './simulator.js';
import type { SimCoreOptions } from './simulator.js';
import { ExceptionName, SimError } from './types.js';

export interface OdooSimulatorOptions extends SimCoreOptions {
  /** Delay before each call is executed, in ms; default 0. Guarded methods (confirm) wait it too. */
  latencyMs?: number;
  /** Share of calls (0..1) that fail before executing; default 0. */
  failureRate?: number;
  /** What a random failure looks like: Odoo's SerializationFailure after its 5 retries, or a proxy's 502. */
  failureKind?: 'serialization' | 'http502';
  /** Seed of the failure draw, so a failing run can be replayed; default 1. */
  randomSeed?: number;
  /** Keep every request's path and parsed body in `requests` (for tests of what a client sends). */
  recordRequests?: boolean;
}

export interface DropRule {
  model?: string;
  method?: string;
  /** How many matching answers to drop; default 1. */
  count?: number;
}

/** Outage window in clock milliseconds; during it every request gets a proxy 503 (or a refused socket). */
export interface OutageWindow {
  fromMs: number;
  toMs: number;
  mode?: 'http503' | 'reset';
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HTML_404 = '<!doctype html><title>404 Not Found</title><h1>Not Found</h1>';

export class OdooSimulator {
  readonly core: SimCore;
  latencyMs: number;
  failureRate: number;
  failureKind: 'serialization' | 'http502';
  readonly outages: OutageWindow[] = [];
  /** HTTP requests received (each one a client round trip). */
  requestCount = 0;
  /** Requests received, when `recordRequests` is set. */
  readonly requests: { path: string; body: unknown }[] = [];
  private readonly recordRequests: boolean;
  /** HTTP requests received per path (`/jsonrpc`, `/json/2/…`, `/web/webclient/version_info`). */
  readonly requestsByPath = new Map<string, number>();
  private readonly drops: Required<DropRule>[] = [];
  private readonly random: () => number;
  private server: Server | undefined;
  private baseUrl = '';

  constructor(opts: OdooSimulatorOptions) {
    this.core = new SimCore(opts);
    this.latencyMs = opts.latencyMs ?? 0;
    this.failureRate = opts.failureRate ?? 0;
    this.failureKind = opts.failureKind ?? 'serialization';
    this.random = mulberry32(opts.randomSeed ?? 1);
    this.recordRequests = opts.recordRequests ?? false;
  }

  get url(): string {
    if (!this.baseUrl) throw new Error('OdooSimulator not started');
    return this.baseUrl;
  }

  async start(): Promise<string> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  /** Executes the next matching call(s), then closes the socket instead of answering. */
  dropAnswers(rule: DropRule): void {
    this.drops.push({ model: rule.model ?? '*', method: rule.method ?? '*', count: rule.count ?? 1 });
  }

  /** Calls that reached the ORM, per model and method (or in total). */
  callCount(model?: string, method?: string): number {
    let n = 0;
    for (const [key, count] of this.core.calls) {
      const meth = key.slice(key.lastIndexOf('.') + 1);
      const mod = key.slice(0, key.lastIndexOf('.'));
      if ((model === undefined || model === mod) && (method === undefined || method === meth)) n += count;
    }
    return n;
  }

  resetCounters(): void {
    this.core.calls.clear();
    this.requestCount = 0;
    this.requestsByPath.clear();
  }

  private inOutage(): OutageWindow | undefined {
    const now = this.core.clock.now();
    return this.outages.find((w) => now >= w.fromMs && now < w.toMs);
  }

  private takeDrop(answer: HttpAnswer): boolean {
    if (!answer.committed) return false;
    const rule = this.drops.find(
      (d) =>
        (d.model === '*' || d.model === answer.model) && (d.method === '*' || d.method === answer.method),
    );
    if (!rule) return false;
    rule.count -= 1;
    if (rule.count <= 0) this.drops.splice(this.drops.indexOf(rule), 1);
    return true;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.requestCount += 1;
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    this.requestsByPath.set(path, (this.requestsByPath.get(path) ?? 0) + 1);
    const outage = this.inOutage();
    if (outage) {
      if (outage.mode === 'reset') return void req.socket.destroy();
      return send(res, {
        status: 503,
        contentType: 'text/html',
        body: '<h1>503 Service Unavailable</h1>',
        committed: false,
      });
    }
    const raw = await readBody(req);
    if (this.recordRequests) {
      try {
        this.requests.push({ path, body: raw ? JSON.parse(raw) : undefined });
      } catch {
        this.requests.push({ path, body: raw });
      }
    }
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    const answer = await this.route(req, raw);
    if (this.takeDrop(answer)) return void req.socket.destroy();
    send(res, answer);
  }

  private injectedFailure(json2: boolean): HttpAnswer | undefined {
    if (this.failureRate <= 0 || this.random() >= this.failureRate) return undefined;
    if (this.failureKind === 'http502') {
      return { status: 502, contentType: 'text/html', body: '<h1>502 Bad Gateway</h1>', committed: false };
    }
    const e = new SimError(
      ExceptionName.serializationFailure,
      'could not serialize access due to concurrent update\n',
      500,
    );
    return json2 ? json2Error(e) : jsonRpcError(this.core, 1, e);
  }

  private async route(req: IncomingMessage, raw: string): Promise<HttpAnswer> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const json2 = /^\/json\/2\/([^/]+)\/([^/]+)$/.exec(path);
    let parsed: unknown;
    try {
      parsed = raw ? JSON.parse(raw) : undefined;
    } catch {
      return { status: 400, contentType: 'text/html', body: '<h1>Bad Request</h1>', committed: false };
    }
    // A `type='json'` route (19: 'jsonrpc'), auth none: common.version without /jsonrpc.
    if (req.method === 'POST' && path === '/web/webclient/version_info') {
      return handleJsonRpc(this.core, {
        ...(parsed as object),
        params: { service: 'common', method: 'version', args: [] },
      });
    }
    if (req.method === 'POST' && path === '/jsonrpc') {
      return this.injectedFailure(false) ?? handleJsonRpc(this.core, parsed);
    }
    if (this.core.version >= 19 && path.startsWith('/json/2')) {
      if (req.method !== 'POST' || !json2) {
        return json2Error(
          new SimError(ExceptionName.notFound, 'Did you mean POST /json/2/<model>/<method>?', 404, [404]),
        );
      }
      const auth = /^bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      const db = req.headers['x-odoo-database'];
      const failed = this.injectedFailure(true);
      if (failed) return failed;
      return handleJson2(
        this.core,
        json2[1] ?? '',
        json2[2] ?? '',
        auth,
        typeof db === 'string' ? db : undefined,
        parsed,
      );
    }
    // 16–18 have no JSON-2: an HTML 404 (ODOO.md §1).
    return { status: 404, contentType: 'text/html; charset=utf-8', body: HTML_404, committed: false };
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, a: HttpAnswer): void {
  res.writeHead(a.status, { 'content-type': a.contentType, 'content-length': Buffer.byteLength(a.body) });
  res.end(a.body);
}
