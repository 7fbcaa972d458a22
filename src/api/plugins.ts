/**
 * Each HTTP surface as a fastify plugin (fastify's unit of composition): the process registers the
 * surfaces it serves on the instance buildHttp made (error answers, request ids, OpenAPI, health),
 * each in its own encapsulated scope.
 */
import type { FastifyPluginAsync } from 'fastify';
import { registerMetricsRoute, type FerryMetrics } from '../ops/metrics/index.js';
import { registerAdmin } from './admin/index.js';
import type { AdminServices } from './admin/context.js';
import { registerShopifyWebhooks, type ShopifyWebhookDeps } from './webhooks/shopify.js';
import { registerWmsWebhooks, type WmsWebhookDeps } from './webhooks/wms.js';

export interface WebhooksPluginOptions {
  /** `POST /webhooks/shopify/:channel`. */
  shopify: ShopifyWebhookDeps;
  /** `POST /webhooks/wms/:warehouse`; absent when no warehouse signs its webhooks. */
  wms?: WmsWebhookDeps | undefined;
}

/** Partner webhooks: signature checked over the raw body, stored in the inbox before the answer. */
export const webhooksPlugin: FastifyPluginAsync<WebhooksPluginOptions> = async (app, o) => {
  registerShopifyWebhooks(app, o.shopify);
  if (o.wms) registerWmsWebhooks(app, o.wms);
  return Promise.resolve();
};

/** The admin API under /api (bearer token and role per route) and its OpenAPI page at /docs. */
export const adminPlugin: FastifyPluginAsync<{ services: AdminServices }> = async (app, o) => {
  await registerAdmin(app, o.services);
};

/** Prometheus metrics at /metrics (health, /healthz and /readyz, comes with buildHttp). */
export const metricsPlugin: FastifyPluginAsync<{ metrics: FerryMetrics }> = async (app, o) => {
  registerMetricsRoute(app, o.metrics);
  return Promise.resolve();
};
