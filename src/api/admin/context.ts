import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Clock } from '../../core/clock.js';
import type { ExceptionService, PartnerGuard } from '../../engine/index.js';
import type { Store } from '../../store/index.js';
import type { SecretService } from '../../ops/secrets/index.js';
import type { OidcSignIn, SessionService, TokenService, UserService } from '../auth/index.js';
import type { MappingService } from './services/mappings.js';
import type { OrderHoldService } from './services/holds.js';
import type { OrderQueries } from './services/orders.js';
import type { SettingsService } from './services/settings.js';
import type { ExceptionQueue } from './services/exceptionQueue.js';
import type { BulkActions } from './services/bulk.js';
import type { OrderPages } from './services/orderPage.js';
import type { Approvals } from './services/approvals.js';
import type { MappingChanges } from './services/mappingChanges.js';
import type { MappingCsv } from './services/mappingCsv.js';
import type { OverviewService } from './services/overview.js';
import type { PartnerDetails } from './services/partnerDetail.js';
import type { InventoryView } from './services/inventoryView.js';
import type { SavedViews } from './services/savedViews.js';

/** An alert as the API shows it. */
export interface ActiveAlert {
  rule: string;
  subject: string;
  message: string;
  since: number;
}

/** The application services behind the admin routes (the CLI calls the same ones). */
export interface AdminServices {
  store: Store;
  clock: Clock;
  tokens: TokenService;
  users: UserService;
  sessions: SessionService;
  /** Console sign-on with an OpenID Connect provider; undefined when not configured. */
  oidc: OidcSignIn | undefined;
  exceptions: ExceptionService;
  /** The console's view of the exception queue: pages, assignment, diffs. */
  queue: ExceptionQueue;
  /** Bulk replay and skip, run in the background. */
  bulk: BulkActions;
  mappings: MappingService;
  /** Mapping changes by people: applied, or held for four-eyes approval. */
  mappingChanges: MappingChanges;
  /** Mappings as CSV: export, and import with a dry run. */
  mappingCsv: MappingCsv;
  /** Changes held for a second person (four-eyes). */
  approvals: Approvals;
  settings: SettingsService;
  orders: OrderQueries;
  holds: OrderHoldService;
  /** One page per order for the console. */
  orderPages: OrderPages;
  /** The partner guards of this process, for health, breaker state and headroom. */
  partners: () => readonly PartnerGuard[];
  /** Absent when no key ring is configured: secret routes then answer 503. */
  secrets: SecretService | undefined;
  /** Absent when alerting is not running. */
  alerts: (() => ActiveAlert[]) | undefined;
  /** The console's health overview. */
  overview: OverviewService;
  /** Partners with their connection tests and mapping completeness. */
  partnerDetails: PartnerDetails;
  /** A SKU's availability per channel, explained. */
  inventoryView: InventoryView;
  /** Each user's saved views. */
  views: SavedViews;
  /** The completeness report for a UTC day (YYYY-MM-DD); absent where the partners are not wired. */
  completeness?: ((date: string, channel?: string) => Promise<unknown>) | undefined;
}

/** The admin scope with zod schemas as types. */
export function typed(app: FastifyInstance): ReturnType<typeof app.withTypeProvider<ZodTypeProvider>> {
  return app.withTypeProvider<ZodTypeProvider>();
}
