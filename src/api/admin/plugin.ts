import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { responsesFor } from './responses.js';
import type { Clock } from '../../core/clock.js';
import { ExceptionService, type PartnerGuard } from '../../engine/index.js';
import type { Store } from '../../store/index.js';
import type { SecretService } from '../../ops/secrets/index.js';
import {
  OidcSignIn,
  SessionService,
  TokenService,
  UserService,
  requireAuth,
  type OidcOptions,
} from '../auth/index.js';
import type { ActiveAlert, AdminServices } from './context.js';
import { exceptionRoutes } from './routes/exceptions.js';
import { governanceRoutes } from './routes/governance.js';
import { holdRoutes } from './routes/holds.js';
import { operationRoutes } from './routes/operations.js';
import { reportRoutes } from './routes/reports.js';
import { loginLinkHook, sessionRoutes } from './routes/session.js';
import { oidcRoutes } from './routes/oidc.js';
import { userRoutes } from './routes/users.js';
import { queueRoutes } from './routes/exceptionQueue.js';
import { redactForRoles } from './redactHook.js';
import { MappingService } from './services/mappings.js';
import { OrderHoldService } from './services/holds.js';
import { OrderQueries } from './services/orders.js';
import { ExceptionQueue } from './services/exceptionQueue.js';
import { BulkActions } from './services/bulk.js';
import { OrderPages } from './services/orderPage.js';
import { orderSearchRoutes } from './routes/orderSearch.js';
import { SettingsService } from './services/settings.js';
import { Approvals, type FourEyes } from './services/approvals.js';
import { MappingChanges } from './services/mappingChanges.js';
import { MappingCsv } from './services/mappingCsv.js';
import { mappingRoutes } from './routes/mappings.js';
import { approvalRoutes } from './routes/approvals.js';
import { OverviewService, type OverviewOptions } from './services/overview.js';
import { PartnerDetails, type ConnectionTest, type PartnerBuckets } from './services/partnerDetail.js';
import { InventoryView, type InventorySource } from './services/inventoryView.js';
import { SavedViews } from './services/savedViews.js';
import { healthRoutes } from './routes/health.js';

export interface AdminOptions {
  store: Store;
  clock: Clock;
  /** Configured lane names. */
  laneNames: readonly string[];
  /** Configured channel ids, for shadow mode. Default: any id is taken. */
  channels?: readonly string[];
  /** This process's partner guards. Default none. */
  partners?: () => readonly PartnerGuard[];
  secrets?: SecretService;
  alerts?: () => ActiveAlert[];
  completeness?: (date: string, channel?: string) => Promise<unknown>;
  /** What the profile holds for a second person's approval. Default: nothing. */
  fourEyes?: FourEyes;
  /** What the health overview watches and measures. Default: nothing configured. */
  overview?: OverviewOptions;
  /** Connection tests by partner name (the guard's name). Default none. */
  connectionTests?: () => ReadonlyMap<string, ConnectionTest>;
  /** Partners' own rate-limit buckets by partner name (Shopify's query cost). Default none. */
  partnerBuckets?: PartnerBuckets;
  /** The inventory flow's channels and live state. Default: inventory not configured. */
  inventory?: () => InventorySource | undefined;
  /** Console sign-on with an OpenID Connect provider (console.oidc, secret resolved). Default off. */
  oidc?: OidcOptions;
}

/** Builds the services the admin API and the CLI share. */
export function adminServices(o: AdminOptions): AdminServices {
  const tokens = new TokenService(o.store, o.clock);
  const orders = new OrderQueries(o.store);
  const holds = new OrderHoldService(o.store, o.clock);
  const mappings = new MappingService(o.store, o.clock);
  const approvals = new Approvals(o.store, o.clock, o.fourEyes);
  const settings = new SettingsService(o.store, o.clock, o.laneNames, o.channels);
  const partners = o.partners ?? (() => []);
  const sessions = new SessionService(o.store, o.clock, tokens);
  return {
    store: o.store,
    clock: o.clock,
    tokens,
    users: new UserService(o.store, o.clock, tokens),
    sessions,
    oidc: o.oidc ? new OidcSignIn(o.store, o.clock, sessions, o.oidc) : undefined,
    exceptions: new ExceptionService(o.store, o.clock),
    queue: new ExceptionQueue(o.store, o.clock),
    bulk: new BulkActions(o.store, o.clock),
    mappings,
    mappingChanges: new MappingChanges(o.store, mappings, approvals),
    mappingCsv: new MappingCsv(o.store, o.clock, approvals),
    approvals,
    settings,
    orders,
    holds,
    orderPages: new OrderPages(o.store, orders, holds),
    partners,
    overview: new OverviewService(o.store, o.clock, o.laneNames, partners, o.alerts, {
      channels: o.channels ?? [],
      ...o.overview,
    }),
    partnerDetails: new PartnerDetails(
      o.store,
      o.clock,
      partners,
      o.connectionTests ?? (() => new Map()),
      o.partnerBuckets,
    ),
    inventoryView: new InventoryView(o.store, o.inventory ?? (() => undefined)),
    views: new SavedViews(o.store, o.clock),
    secrets: o.secrets,
    alerts: o.alerts,
    completeness: o.completeness,
  };
}

/**
 * Registers the admin API under /api (every route behind a bearer token or the console's session
 * cookie, and a role check), the console's one-time sign-in links and single sign-on, and the
 * OpenAPI page at /docs, generated from the same zod schemas that validate requests and answers
 * (the document itself is collected by buildHttp, which sees the health and webhook routes too).
 */
export async function registerAdmin(app: FastifyInstance, services: AdminServices): Promise<void> {
  await app.register(swaggerUi, { routePrefix: '/docs' });
  loginLinkHook(app, services);
  oidcRoutes(app, services);
  // Bulk actions a stopped process left unfinished resume once this one serves.
  app.addHook('onReady', () => Promise.resolve(services.bulk.kick()));
  app.addHook('onClose', () => services.bulk.stop());
  await app.register(
    (api, _opts, done) => {
      api.setValidatorCompiler(validatorCompiler);
      api.setSerializerCompiler(serializerCompiler);
      api.addHook('onRoute', (route) => {
        if (route.method === 'HEAD') return;
        route.schema = { ...route.schema, response: responsesFor(String(route.method), route.url ?? '') };
      });
      requireAuth(api, services.tokens, services.sessions);
      redactForRoles(api);
      operationRoutes(api, services);
      exceptionRoutes(api, services);
      governanceRoutes(api, services);
      reportRoutes(api, services);
      holdRoutes(api, services);
      sessionRoutes(api, services);
      userRoutes(api, services);
      queueRoutes(api, services);
      orderSearchRoutes(api, services);
      mappingRoutes(api, services);
      approvalRoutes(api, services);
      healthRoutes(api, services);
      done();
    },
    { prefix: '/api' },
  );
}
