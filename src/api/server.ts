import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import swagger from '@fastify/swagger';
import Fastify from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { isFerryError } from '../core/errors.js';
import { createLogger, scrubText, type Logger } from '../ops/logging/index.js';
import type { Store } from '../store/index.js';
import type { PartnerGuard } from '../engine/index.js';

export interface HttpDeps {
  store: Store;
  /**
   * Whether this process's workers serve their lanes (for /readyz): true, false (stopped), or
   * what keeps them from it (a lane stuck in a store call).
   */
  workersRunning: () => boolean | string;
  /** Largest accepted body. */
  bodyLimitBytes: number;
  /** Longest wait for the store's answer in /readyz before it counts as unreachable, ms. Default 2000. */
  readyTimeoutMs?: number;
  /** Where 5xx answers are logged. Default a logger at info on stderr. */
  logger?: Logger;
  /**
   * This process's partner guards, reported in /readyz's body. They never make it unready: intake
   * must keep acknowledging webhooks through an Odoo outage. Default none.
   */
  partners?: () => readonly PartnerGuard[];
  /** Counts and times every answer, and every request refused before it was parsed. Default none. */
  metrics?: HttpObserver;
}

/** What the HTTP layer reports per request; `route` is the matched pattern or `unmatched`. */
export interface HttpObserver {
  observeHttp(labels: { method: string; route: string; status: string }, seconds: number): void;
}

/** fastify's answer to a request Node's parser refused (fastify/lib/route.js defaultClientErrorHandler). */
function clientErrorStatus(code: string | undefined): string {
  return code === 'HPE_HEADER_OVERFLOW' ? '431' : code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408' : '400';
}

/**
 * Every answer counted by method, route and status, so refusals no route saw (a GET on a webhook
 * URL, a path segment over fastify's 100-character limit, headers over Node's 16 KB) show on
 * /metrics beside the ones the routes store in the inbox.
 */
function countRequests(app: FastifyInstance, metrics: HttpObserver): void {
  app.addHook('onResponse', (req, reply, done) => {
    metrics.observeHttp(
      { method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
  app.server.on('clientError', (err: Error & { code?: string }) => {
    if (err.code === 'ECONNRESET') return;
    metrics.observeHttp({ method: 'unknown', route: 'unparsed', status: clientErrorStatus(err.code) }, 0);
  });
}

/** Ids a proxy or load balancer sets; anything else (spaces, newlines, 200 bytes) is replaced. */
const CALLER_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The caller's `x-request-id` when it is a plain token, else a fresh UUID. */
function requestId(req: IncomingMessage): string {
  const h = req.headers['x-request-id'];
  return typeof h === 'string' && CALLER_ID.test(h) ? h : randomUUID();
}

/** The error a 5xx answer came from, for its log line. */
const causes = new WeakMap<FastifyRequest, unknown>();

/**
 * One log line per 5xx answer: the request id the caller also got, method, route path (never the
 * query string, which may carry a token) and the cause, scrubbed by the logger. fastify's own
 * request logging stays off: a line per webhook was measurable on the intake path.
 */
function logServerErrors(app: FastifyInstance, log: Logger): void {
  app.addHook('onSend', (req, reply, payload, done) => {
    void reply.header('x-request-id', req.id);
    done(null, payload);
  });
  app.addHook('onResponse', (req, reply, done) => {
    if (reply.statusCode >= 500) {
      const err = causes.get(req);
      log[err ? 'error' : 'warn'](
        {
          requestId: req.id,
          method: req.method,
          path: req.url.split('?')[0],
          status: reply.statusCode,
          ...(err ? { err } : {}),
        },
        `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]} answered ${reply.statusCode}`,
      );
    }
    done();
  });
}

/** The store's migration state, or why it could not be read within `ms`. */
async function storeChecks(store: Store, ms: number): Promise<Record<string, string>> {
  let timer: NodeJS.Timeout | undefined;
  // A hung connection must not hang the probe: an orchestrator's own timeout reads as "no answer",
  // not as "the store is the problem".
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  try {
    const m = await Promise.race([store.migrations.status(), late]);
    return {
      store: 'ok',
      migrations: m.current === m.latest ? 'ok' : `at ${m.current}, expected ${m.latest}`,
    };
  } catch (e) {
    return { store: `unreachable: ${scrubText((e as Error).message)}` };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The HTTP instance every surface registers on: error answers, request ids, the OpenAPI document,
 * and the health plugin; webhooks, the admin API and metrics are plugins of their own (plugins.ts).
 */
export function buildHttp(deps: HttpDeps): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: deps.bodyLimitBytes,
    genReqId: requestId,
    // A bad URL or an over-long path segment is refused before routing, where no hook runs:
    // answered here the same way, and counted.
    frameworkErrors: (err, req, reply) => {
      const status = typeof err.statusCode === 'number' ? err.statusCode : 400;
      deps.metrics?.observeHttp({ method: req.method, route: 'unmatched', status: String(status) }, 0);
      void (reply as FastifyReply).status(status).send({ error: 'bad_request', message: err.message });
    },
  });
  logServerErrors(app, deps.logger ?? createLogger());
  if (deps.metrics) countRequests(app, deps.metrics);
  app.setErrorHandler((err, req, reply) => {
    const status = isFerryError(err)
      ? err.status
      : typeof (err as { statusCode?: unknown }).statusCode === 'number'
        ? (err as { statusCode: number }).statusCode
        : 500;
    if (status >= 500) causes.set(req, err);
    if (isFerryError(err))
      return reply
        .status(status)
        .send({ error: err.code, message: err.message, ...(status >= 500 ? { requestId: req.id } : {}) });
    return reply.status(status).send({
      error: status >= 500 ? 'internal' : 'bad_request',
      message: status >= 500 ? 'internal error' : (err as Error).message,
      ...(status >= 500 ? { requestId: req.id } : {}),
    });
  });
  // Registered first, so its route collector sees every route: health, webhooks, the admin API.
  void app.register(swagger, {
    openapi: {
      info: { title: 'Ferry', version: '0.1.0' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: (input) =>
      isZodSchema(input.schema) ? jsonSchemaTransform(input) : { schema: input.schema, url: input.url },
  });
  void app.register(healthPlugin, deps);
  return app;
}

/** Whether a route's schema is zod (the admin API's) rather than plain JSON Schema (health, webhooks). */
function isZodSchema(schema: unknown): boolean {
  const s = (schema ?? {}) as Record<string, unknown>;
  return (
    ['body', 'params', 'querystring', 'headers'].some(
      (k) => s[k] !== undefined && '_zod' in (s[k] as object),
    ) || Object.values((s.response ?? {}) as Record<string, object>).some((r) => '_zod' in r)
  );
}

const Checks = {
  type: 'object',
  additionalProperties: { type: 'string' },
  description: 'store, migrations, workers: "ok" or what is wrong',
} as const;
const PartnerStatusSchema = {
  type: 'object',
  additionalProperties: true,
  properties: {
    name: { type: 'string' },
    health: { type: 'string', enum: ['healthy', 'failing', 'recovering', 'down', 'unknown'] },
    breaker: { type: 'string' },
    headroom: { type: 'number' },
    lastSuccessAt: { type: ['number', 'null'] },
    lastFailureAt: { type: ['number', 'null'] },
    lastError: { type: ['string', 'null'] },
  },
} as const;
const Ready = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['ready', 'not ready'] },
    checks: Checks,
    partners: { type: 'array', items: PartnerStatusSchema },
  },
} as const;

/** /livez, /healthz and /readyz, documented in the OpenAPI description like every other route. */
export const healthPlugin: FastifyPluginAsync<HttpDeps> = async (app, deps) => {
  healthRoutes(app, deps);
  return Promise.resolve();
};

/**
 * /livez (Kubernetes' name; /healthz, the older one, answers the same) and /readyz. Liveness asks
 * nothing of the store: a restart cures a stuck process, never an unreachable database, so an
 * outage must not restart every pod.
 */
function healthRoutes(app: FastifyInstance, deps: HttpDeps): void {
  for (const url of ['/livez', '/healthz'])
    app.get(
      url,
      {
        schema: {
          tags: ['health'],
          summary: 'The process answers (liveness)',
          response: { 200: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] } } } },
        },
      },
      () => ({ status: 'ok' }),
    );
  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        summary:
          'Ready to take traffic: store reachable, migrations applied, workers serving. Partner health is reported, never a reason to be unready.',
        response: { 200: Ready, 503: Ready },
      },
    },
    async (_req, reply) => {
      const checks = await storeChecks(deps.store, deps.readyTimeoutMs ?? 2000);
      const workers = deps.workersRunning();
      checks.workers = workers === true ? 'ok' : workers === false ? 'stopped' : workers;
      const ready = Object.values(checks).every((v) => v === 'ok');
      const partners = (deps.partners?.() ?? []).map((g) => g.status());
      return reply
        .status(ready ? 200 : 503)
        .send({ status: ready ? 'ready' : 'not ready', checks, partners });
    },
  );
}
