/**
 * One Odoo connection: an undici Agent, a concurrency limit, version detection and the two
 * transports. JSON-RPC `execute_kw` up to 18, JSON-2 from 19 (ODOO.md §1, §5). Calls take named
 * arguments. JSON-2 sends them all by name. JSON-RPC sends record ids as the first positional
 * argument and the rest as kwargs, except the parameters in POSITIONAL: Odoo's `call_kw` reads
 * `create`'s records from `args[0]` and answers `IndexError` to the keyword `vals_list` on 16–19
 * (shared/odoo-observed/calls-*.json).
 */
import { Agent, request } from 'undici';
import { FerryError, isFerryError } from '../../core/errors.js';
import { fromJson2Error, fromJsonRpcError, fromTransportError } from './errors.js';
import { Semaphore } from './limiter.js';
import type { OdooConfig, Protocol } from './options.js';
import { RoundTrips } from './roundtrips.js';

/** Named arguments of a call; `ids` for record methods, `context` for the call's context. */
export interface CallArgs {
  ids?: number[];
  context?: Record<string, unknown>;
  [param: string]: unknown;
}

export interface ServerVersion {
  major: number;
  text: string;
}

/**
 * Parameters that must travel positionally over JSON-RPC, after the ids, in this order. Every
 * other parameter is accepted as a keyword (observed for search_read's `domain`, fields_get's
 * `attributes`: calls-*.json). `write`'s argument is `vals` on res.partner but `values` on
 * sale.order and sale.order.line up to 18 (Odoo 17 answered "SaleOrder.write() got an unexpected
 * keyword argument 'vals'"), so it goes positionally, which every model takes.
 */
export const POSITIONAL: Readonly<Record<string, readonly string[]>> = {
  create: ['vals_list'],
  write: ['vals'],
};

/** The execute_kw positional list and kwargs for named arguments (JSON-RPC). */
export function jsonRpcArgs(
  method: string,
  args: CallArgs,
): { positional: unknown[]; kwargs: Record<string, unknown> } {
  const { ids, context, ...named } = args;
  const positional: unknown[] = ids ? [ids] : [];
  for (const p of POSITIONAL[method] ?? []) {
    if (!(p in named)) break;
    positional.push(named[p]);
    delete named[p];
  }
  return { positional, kwargs: context ? { ...named, context } : named };
}

/** One finished model call, for whoever watches the connection (the orders-live bench). */
export interface CallRecord {
  model: string;
  method: string;
  /** Records the call names: its ids, or the records it creates. */
  records: number;
  ms: number;
  ok: boolean;
}

interface RawAnswer {
  status: number;
  text: string;
  retryAfterMs?: number;
}

export class OdooConnection {
  readonly trips = new RoundTrips();
  private readonly agent: Agent;
  private readonly limit: Semaphore;
  private versionP: Promise<ServerVersion> | undefined;
  private uidP: Promise<number> | undefined;
  private rpcId = 0;
  /** Told of every model call when it ends; unset, nothing is measured. */
  onCall: ((c: CallRecord) => void) | undefined;

  constructor(readonly cfg: OdooConfig) {
    this.agent = new Agent({
      connections: cfg.concurrency,
      keepAliveTimeout: 30_000,
      connect: { timeout: Math.min(10_000, cfg.timeoutMs) },
    });
    this.limit = new Semaphore(cfg.concurrency);
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  /**
   * A call's timeout: the base, plus the per-record allowance times the records it creates or
   * confirms, so that a batch of 25 gets the time 25 orders take on a busy server.
   */
  timeoutFor(records: number): number {
    return this.cfg.timeoutMs + this.cfg.timeoutPerRecordMs * Math.max(0, records);
  }

  private async post(
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
    timeoutMs = this.cfg.timeoutMs,
  ): Promise<RawAnswer> {
    return this.limit.run(async () => {
      this.trips.tick();
      const url = `${this.cfg.url}${path}`;
      try {
        const res = await request(url, {
          method: 'POST',
          dispatcher: this.agent,
          headers: { 'content-type': 'application/json', 'user-agent': 'ferry-odoo', ...headers },
          body: JSON.stringify(body),
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        });
        const text = await res.body.text();
        const ra = Number(res.headers['retry-after']);
        return { status: res.statusCode, text, ...(Number.isFinite(ra) ? { retryAfterMs: ra * 1000 } : {}) };
      } catch (e) {
        throw fromTransportError(e, this.cfg.url);
      }
    });
  }

  /** A JSON-RPC service call (`common.version`, `common.authenticate`, `object.execute_kw`). */
  async rpc(
    service: string,
    method: string,
    args: unknown[],
    call: { model?: string; method?: string; timeoutMs?: number } = {},
  ): Promise<unknown> {
    return this.jsonRpcAt('/jsonrpc', { service, method, args }, call);
  }

  /** One JSON-RPC 2.0 request to `path` (`/jsonrpc`, or a `type='json'` web route). */
  private async jsonRpcAt(
    path: string,
    params: Record<string, unknown>,
    call: { model?: string; method?: string; timeoutMs?: number } = {},
  ): Promise<unknown> {
    const body = { jsonrpc: '2.0', method: 'call', id: ++this.rpcId, params };
    const ans = await this.post(path, body, {}, call.timeoutMs);
    if (ans.status !== 200) {
      if (ans.status === 404)
        throw new FerryError(
          'config_invalid',
          `no Odoo JSON-RPC endpoint at ${this.cfg.url}${path} (HTTP 404)`,
          {
            partner: 'odoo',
            details: { status: 404, path },
          },
        );
      throw fromJson2Error(ans.status, undefined, call, ans.retryAfterMs);
    }
    let parsed: { result?: unknown; error?: unknown };
    try {
      parsed = JSON.parse(ans.text) as { result?: unknown; error?: unknown };
    } catch {
      throw new FerryError(
        'partner_unavailable',
        `Odoo at ${this.cfg.url} answered something that is not JSON`,
        { partner: 'odoo' },
      );
    }
    if (parsed.error !== undefined) throw fromJsonRpcError(parsed.error, call);
    return parsed.result;
  }

  /**
   * The server's `common.version` answer. Read from the unauthenticated web route
   * `/web/webclient/version_info` (every version since 16, and the only way on 19 that avoids
   * `/jsonrpc`, which 19 logs as deprecated and 20 removes), falling back to `/jsonrpc` where a
   * proxy exposes only that.
   */
  private async versionInfo(): Promise<{ server_version?: string; server_version_info?: unknown[] }> {
    try {
      return (await this.jsonRpcAt('/web/webclient/version_info', {})) as { server_version?: string };
    } catch (e) {
      const notThere = isFerryError(e) && (e.details as { status?: number } | undefined)?.status === 404;
      if (!notThere) throw e;
      return (await this.rpc('common', 'version', [])) as { server_version?: string };
    }
  }

  /** Server version, from configuration or the server (one round trip, then cached). */
  version(): Promise<ServerVersion> {
    this.versionP ??= (async () => {
      if (this.cfg.version !== undefined)
        return { major: this.cfg.version, text: `${this.cfg.version}.0 (configured)` };
      const v = await this.versionInfo();
      const major = parseInt(
        `${(v.server_version_info?.[0] as number | string | undefined) ?? v.server_version ?? ''}`.replace(
          /^saas~/,
          '',
        ),
        10,
      );
      if (!Number.isFinite(major))
        throw new FerryError('config_invalid', `cannot read the Odoo version at ${this.cfg.url}`);
      return { major, text: String(v.server_version ?? major) };
    })();
    this.versionP.catch(() => (this.versionP = undefined));
    return this.versionP;
  }

  async protocol(): Promise<Protocol> {
    if (this.cfg.protocol) return this.cfg.protocol;
    const { major } = await this.version();
    return major >= 19 && this.cfg.usesApiKey ? 'json2' : 'jsonrpc';
  }

  /**
   * The integration user's id. JSON-RPC: `common.authenticate`, which answers false on a bad login
   * or key (ODOO.md §1). JSON-2: the bearer key is checked on every call, so the user is read by
   * login (a wrong key answers 401), without touching the deprecated `/jsonrpc`.
   */
  uid(): Promise<number> {
    this.uidP ??= (async () => {
      if ((await this.protocol()) === 'json2') {
        const [me] = await this.json2<{ id: number }[]>('res.users', 'search_read', {
          domain: [['login', '=', this.cfg.login]],
          fields: ['login'],
          limit: 1,
        }).catch((e: unknown) => {
          if (!isFerryError(e) || e.code !== 'partner_auth') throw e;
          throw new FerryError(
            'partner_auth',
            `Odoo refused login "${this.cfg.login}" on database "${this.cfg.db}" (the API key was refused: ${e.message})`,
            { partner: 'odoo' },
          );
        });
        if (me) return me.id;
        throw new FerryError(
          'partner_auth',
          `Odoo has no user with login "${this.cfg.login}" visible to this API key on database "${this.cfg.db}"`,
          { partner: 'odoo' },
        );
      }
      const uid = await this.rpc('common', 'authenticate', [
        this.cfg.db,
        this.cfg.login,
        this.cfg.secret,
        {},
      ]);
      if (typeof uid !== 'number') {
        throw new FerryError(
          'partner_auth',
          `Odoo refused login "${this.cfg.login}" on database "${this.cfg.db}" (wrong login, password or API key)`,
          { partner: 'odoo' },
        );
      }
      return uid;
    })();
    this.uidP.catch(() => (this.uidP = undefined));
    return this.uidP;
  }

  /** Calls `model.method` with named arguments over the version's protocol; `timeoutMs` default the connection's. */
  async call<T = unknown>(
    model: string,
    method: string,
    args: CallArgs = {},
    opts: { timeoutMs?: number } = {},
  ): Promise<T> {
    const watch = this.onCall;
    if (!watch) return this.callNow<T>(model, method, args, opts);
    const t0 = performance.now();
    const records = args.ids?.length ?? (Array.isArray(args.vals_list) ? args.vals_list.length : 0);
    let ok = false;
    try {
      const value = await this.callNow<T>(model, method, args, opts);
      ok = true;
      return value;
    } finally {
      watch({ model, method, records, ms: performance.now() - t0, ok });
    }
  }

  private async callNow<T>(
    model: string,
    method: string,
    args: CallArgs,
    opts: { timeoutMs?: number },
  ): Promise<T> {
    if ((await this.protocol()) === 'json2') return this.json2<T>(model, method, args, opts.timeoutMs);
    const uid = await this.uid();
    const { positional, kwargs } = jsonRpcArgs(method, args);
    return (await this.rpc(
      'object',
      'execute_kw',
      [this.cfg.db, uid, this.cfg.secret, model, method, positional, kwargs],
      { model, method, ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) },
    )) as T;
  }

  private async json2<T>(model: string, method: string, args: CallArgs, timeoutMs?: number): Promise<T> {
    const headers = { authorization: `bearer ${this.cfg.secret}`, 'x-odoo-database': this.cfg.db };
    const ans = await this.post(`/json/2/${model}/${method}`, args, headers, timeoutMs);
    let body: unknown;
    try {
      body = ans.text ? JSON.parse(ans.text) : null;
    } catch {
      body = undefined;
    }
    if (ans.status >= 200 && ans.status < 300) return body as T;
    if (ans.status === 404 && body === undefined) {
      throw new FerryError(
        'config_invalid',
        `no JSON-2 API at ${this.cfg.url} (HTTP 404); JSON-2 needs Odoo 19 or later`,
        { partner: 'odoo' },
      );
    }
    throw fromJson2Error(ans.status, body, { model, method }, ans.retryAfterMs);
  }
}
