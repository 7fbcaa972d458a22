import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { isFerryError } from '../core/errors.js';
import type { Store } from '../store/index.js';

export interface HttpDeps {
  store: Store;
  /** Whether this process's workers are running (for /readyz). */
  workersRunning: () => boolean;
  /** Largest accepted body. */
  bodyLimitBytes: number;
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
    const checks: Record<string, string> = {};
    try {
      const m = await deps.store.migrationStatus();
      checks.store = 'ok';
      checks.migrations = m.current === m.latest ? 'ok' : `at ${m.current}, expected ${m.latest}`;
    } catch (e) {
      checks.store = `unreachable: ${(e as Error).message}`;
    }
    checks.workers = deps.workersRunning() ? 'ok' : 'stopped';
    const ready = Object.values(checks).every((v) => v === 'ok');
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks });
  });
  return app;
}
