/**
 * The partner clients of one process, built from the compiled configuration: a guard per partner
 * endpoint first (metrics, alerts and /readyz report them from the start), then the clients with
 * every call going through their guard and the call observer. Nothing connects until first use.
 */
import type { Clock } from '../core/clock.js';
import { createOdooClient, type OdooClient, type OdooPort } from '../connectors/odoo/index.js';
import { ShopifyGraphqlClient } from '../connectors/shopify/index.js';
import type { PartnerGuard } from '../engine/index.js';
import type { ShopifyChannelRuntime } from '../flows/order-intake/index.js';
import type { CompiledChannel, CompiledConfig, CompiledOdoo, SecretUse } from '../ops/config/index.js';
import { guardShopify, partnerGuard, type CallObserver } from './guards.js';
import { guardOdooPort } from '../connectors/odoo/index.js';

/** Resolves `secret:NAME` / `env:NAME` references to their values. */
export type SecretResolver = (ref: string, where: string) => string;

/** The rate limit and breaker of each partner endpoint. */
export interface PartnerGuards {
  odoo: PartnerGuard | undefined;
  /** By channel id. */
  shopify: ReadonlyMap<string, PartnerGuard>;
  /** Every guard, for the admin API, /readyz, metrics and alerts. */
  all: PartnerGuard[];
}

export interface Partners {
  /** The guarded port, the only Odoo the flows see. */
  odoo: OdooPort | undefined;
  /** The raw client, for the start-up checks (calls outside the port), never for the flows. */
  odooClient: OdooClient | undefined;
  channels: Map<string, ShopifyChannelRuntime>;
  close(): Promise<void>;
}

/** One guard per configured partner endpoint, sized to its limits (guards.ts). */
export function partnerGuards(compiled: CompiledConfig, clock: Clock): PartnerGuards {
  const shopify = new Map(
    compiled.channels.map((c) => [c.id, partnerGuard('shopify', `shopify:${c.id}`, clock)]),
  );
  const odoo = compiled.odoo ? partnerGuard('odoo', 'odoo', clock) : undefined;
  return { odoo, shopify, all: [...shopify.values(), ...(odoo ? [odoo] : [])] };
}

/** Each partner's client behind its guard, secrets resolved once here. */
export function connectPartners(
  compiled: CompiledConfig,
  guards: PartnerGuards,
  o: { clock: Clock; resolveSecret: SecretResolver; observe?: CallObserver | undefined },
): Partners {
  const secret = (s: SecretUse): string => o.resolveSecret(s.ref, s.where);
  const channels = new Map<string, ShopifyChannelRuntime>();
  for (const c of compiled.channels) {
    const channel = shopifyChannel(c, secret, o.clock);
    if (channel.client) guardShopify(channel.client, guards.shopify.get(c.id)!, o.observe);
    channels.set(c.id, channel);
  }
  const odooClient = compiled.odoo ? odooClientOf(compiled.odoo, secret, o.clock) : undefined;
  const odoo = odooClient && guards.odoo ? guardOdooPort(odooClient, guards.odoo, o.observe) : undefined;
  return {
    odoo,
    odooClient,
    channels,
    async close() {
      await odoo?.close();
      for (const c of channels.values()) await c.client?.close();
    },
  };
}

function shopifyChannel(
  c: CompiledChannel,
  secret: (s: SecretUse) => string,
  clock: Clock,
): ShopifyChannelRuntime {
  const auth =
    c.auth.kind === 'accessToken'
      ? { kind: 'accessToken' as const, accessToken: secret(c.auth.accessToken) }
      : {
          kind: 'clientCredentials' as const,
          clientId: c.auth.clientId,
          clientSecret: secret(c.auth.clientSecret),
        };
  return {
    id: c.id,
    kind: c.kind,
    shopDomain: c.shopDomain,
    webhookSecret: secret(c.webhookSecret),
    rules: c.rules,
    client: new ShopifyGraphqlClient({
      shopDomain: c.shopDomain,
      ...(c.adminUrl ? { baseUrl: c.adminUrl } : {}),
      auth,
      apiVersion: c.apiVersion,
      clock,
      partner: `shopify:${c.id}`,
    }),
    pollEveryMinutes: c.pollEveryMinutes,
    pollOverlapMs: c.pollOverlapMs,
  };
}

function odooClientOf(c: CompiledOdoo, secret: (s: SecretUse) => string, clock: Clock): OdooClient {
  const value = secret(c.credential.secret);
  return createOdooClient({
    ...c.options,
    ...(c.credential.field === 'apiKey' ? { apiKey: value } : { password: value }),
    clock,
  });
}
