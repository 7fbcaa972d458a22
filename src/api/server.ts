import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { isFerryError } from '../core/errors.js';
import { scrubText } from '../ops/logging/index.js';
import type { Store } from '../store/index.js';

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
    const m = await Promise.race([store.migrationStatus(), late]);
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
 * The HTTP surface: health endpoints now; webhook intake and the admin API register their
 * routes as plugins on this instance.
 */
export function buildHttp(deps: HttpDeps): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: deps.bodyLimitBytes });
  app.setErrorHandler((err, _req, reply) => {
    if (isFerryError(err)) return reply.status(err.status).send({ error: err.code, message: err.message });
    const status =
      typeof (err as { statusCode?: unknown }).statusCode === 'number'
        ? (err as { statusCode: number }).statusCode
        : 500;
    return reply.status(status).send({
      error: status >= 500 ? 'internal' : 'bad_request',
      message: status >= 500 ? 'internal error' : (err as Error).message,
    });
  });
  app.get('/healthz', () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const checks = await storeChecks(deps.store, deps.readyTimeoutMs ?? 2000);
    const workers = deps.workersRunning();
    checks.workers = workers === true ? 'ok' : workers === false ? 'stopped' : workers;
    const ready = Object.values(checks).every((v) => v === 'ok');
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks });
  });
  return app;
}
