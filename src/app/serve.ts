/**
 * Phase three of a Ferry process (serve mode): the HTTP instance with each surface registered as a
 * plugin (health comes with buildHttp; webhooks, the admin API, metrics), listening before any
 * worker starts.
 */
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../core/clock.js';
import { FerryError } from '../core/errors.js';
import { adminServices } from '../api/admin/index.js';
import { adminPlugin, metricsPlugin, webhooksPlugin } from '../api/plugins.js';
import { buildHttp } from '../api/server.js';
import type { CompiledConfig, CompiledOidc } from '../ops/config/index.js';
import type { OidcOptions } from '../api/auth/index.js';
import type { SecretResolver } from './flows.js';
import type { Logger } from '../ops/logging/index.js';
import type { Store } from '../store/index.js';
import type { Wired } from './wiring.js';
import { consoleHealthOptions } from './consoleHealth.js';

/** Listens, turning "address in use" into one clear start-up error. */
async function listen(http: FastifyInstance, host: string, port: number): Promise<string> {
  try {
    return await http.listen({ host, port });
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === 'EADDRINUSE' || code === 'EADDRNOTAVAIL' || code === 'EACCES')
      throw new FerryError(
        'config_invalid',
        `cannot listen on ${host}:${port}: ${
          code === 'EADDRINUSE'
            ? 'the port is already in use (another Ferry or another program)'
            : code === 'EACCES'
              ? 'permission denied (ports below 1024 need privileges)'
              : 'no such address on this machine'
        }; choose another with --port, FERRY_PORT or http.port/http.host`,
        { cause: e },
      );
    throw e;
  }
}

/** console.oidc with its client secret resolved (start-up has checked every reference resolves). */
function oidcOptions(o: CompiledOidc, resolve: SecretResolver): OidcOptions {
  return { ...o, clientSecret: o.clientSecret && resolve(o.clientSecret.ref, o.clientSecret.where) };
}

/** Builds the HTTP surfaces and listens; on a failure nothing is left listening. */
export async function serveFerry(
  compiled: CompiledConfig,
  w: Wired,
  o: {
    store: Store;
    clock: Clock;
    log: Logger;
    port: number | undefined;
    /** For /readyz: true, false (stopped), or what keeps the workers from their lanes. */
    workersRunning: () => boolean | string;
  },
): Promise<{ http: FastifyInstance; url: string }> {
  const { bodyLimitBytes } = compiled.http;
  const tracer = w.obs.tracing.tracer;
  const partners = () => w.guards.all;
  const http = buildHttp({
    store: o.store,
    workersRunning: o.workersRunning,
    bodyLimitBytes,
    logger: o.log,
    metrics: w.obs.metrics,
    partners,
  });
  try {
    await http.register(webhooksPlugin, {
      shopify: { inbox: w.inbox, channels: w.partners.channels, bodyLimitBytes, tracer },
      wms: w.warehouses.webhooks ? { ...w.warehouses.webhooks, bodyLimitBytes, tracer } : undefined,
    });
    const services = adminServices({
      store: o.store,
      clock: o.clock,
      laneNames: w.lanes.names(),
      channels: compiled.channels.map((c) => c.id),
      partners,
      alerts: () => w.alerts.active(),
      completeness: w.completeness.report,
      fourEyes: compiled.source.fourEyes,
      ...consoleHealthOptions(compiled, w),
      ...(w.secrets ? { secrets: w.secrets } : {}),
      ...(compiled.oidc ? { oidc: oidcOptions(compiled.oidc, w.flows.resolveSecret) } : {}),
    });
    await http.register(adminPlugin, { services });
    await http.register(metricsPlugin, { metrics: w.obs.metrics });
    // Listening comes before any worker starts: a port already in use must stop start-up with
    // nothing running, not leave workers going behind a server that never answers.
    const url = await listen(http, compiled.http.host, o.port ?? compiled.http.port);
    return { http, url };
  } catch (e) {
    await http.close().catch(() => undefined);
    throw e;
  }
}
