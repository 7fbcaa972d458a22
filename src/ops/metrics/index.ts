/** Prometheus metrics from the engine's events and the store, served at /metrics. */
import type { FastifyInstance } from 'fastify';
import type { FerryMetrics } from './metrics.js';

export { FerryMetrics, instrumentGuard, BREAKER_VALUE } from './metrics.js';
export type { MetricSources } from './metrics.js';

/**
 * Serves /metrics without a token: Prometheus scrapers rarely carry one, and no metric holds
 * personal data or secrets (labels are lanes, channels, partners, states and codes).
 */
export function registerMetricsRoute(app: FastifyInstance, metrics: FerryMetrics): void {
  app.get('/metrics', async (_req, reply) =>
    reply.header('content-type', metrics.registry.contentType).send(await metrics.text()),
  );
}
