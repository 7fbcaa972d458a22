/**
 * The declarative configuration file (`ferry.config.yaml` or JSON): connections, lanes, flows and
 * their schedule class, the ownership matrix, and references to secrets — never secret values.
 */
import { z } from 'zod';
import { Id, SecretRef, Url } from './fields.js';
import { Warehouse } from './warehouses.js';
import { ConsoleSettings } from './oidc.js';
import { IMPACTS } from '../../core/errors.js';
import { RuleFields } from '../../core/inventory/index.js';

export { SecretRef } from './fields.js';

/** product.product ids of the service products lines that are not catalogue products book on. */
export const LineProducts = z.strictObject({
  custom: z.number().int().positive().optional(),
  gift_card: z.number().int().positive().optional(),
  tip: z.number().int().positive().optional(),
});

const Ids = z.record(z.string(), z.number().int().positive());

/**
 * What one Odoo company's orders use (Odoo refuses a sale order of company X with a pricelist,
 * product, payment term or journal of company Y). Ids must be this company's or shared.
 */
export const OdooCompany = z.strictObject({
  /** Currency → product.pricelist id. */
  pricelists: Ids.optional(),
  /** product.product id of shipping lines. */
  shippingProductId: z.number().int().positive().optional(),
  /** product.product id of a discount's own line. */
  discountProductId: z.number().int().positive().optional(),
  /** Service products for custom items, gift cards and tips. */
  lineProducts: LineProducts.optional(),
  /** Channel payment terms name → account.payment.term id. */
  paymentTerms: Ids.optional(),
  /** account.journal id (type sale) of invoices and credit notes; default Odoo's first sales journal of the company. */
  salesJournalId: z.number().int().positive().optional(),
});

export const OdooConnection = z
  .strictObject({
    url: Url,
    database: z.string().min(1),
    login: z.string().min(1),
    apiKey: SecretRef.optional(),
    password: SecretRef.optional(),
    /** Detected from the server when omitted. */
    version: z.union([z.literal(16), z.literal(17), z.literal(18), z.literal(19)]).optional(),
    concurrency: z.number().int().min(1).max(64).default(4),
    timeoutMs: z.number().int().min(100).default(30_000),
    /** Added to timeoutMs per order a create or confirm carries (a batch of 20 waits 30 s + 20 × 1 s). */
    timeoutPerRecordMs: z.number().int().min(0).default(1000),
    company: z.number().int().positive().optional(),
    /** Channel tax lines (title, rate, included), per channel and company → Odoo tax ids; first match wins. */
    taxes: z
      .array(
        z.strictObject({
          channel: z.string().optional(),
          company: z.number().int().positive().optional(),
          title: z.string().optional(),
          rate: z.string().optional(),
          included: z.boolean().optional(),
          odooTaxId: z.number().int().positive(),
        }),
      )
      .default([]),
    /** product.product id used for shipping lines. */
    shippingProductId: z.number().int().positive().optional(),
    /** product.product id of a discount's own line, when no 2-decimal percentage gives it exactly. */
    discountProductId: z.number().int().positive().optional(),
    /** Service products for custom items, gift cards and tips (never looked up by SKU). */
    lineProducts: LineProducts.default({}),
    /** Channel payment terms name ("Net 30") → Odoo account.payment.term id. */
    paymentTerms: z.record(z.string(), z.number().int().positive()).default({}),
    /** Channel warehouse code → Odoo stock.warehouse id. */
    warehouses: z.record(z.string(), z.number().int().positive()).default({}),
    /** Currency → Odoo pricelist id. */
    pricelists: z.record(z.string(), z.number().int().positive()).default({}),
    /** The default company's sales journal (account.journal id) for invoices and credit notes. */
    salesJournalId: z.number().int().positive().optional(),
    /**
     * Per Odoo company id (res.company id, as a string key): its pricelists, service products,
     * payment terms and sales journal. The settings above are the default company's; another
     * company's orders use only what its entry names.
     */
    companies: z
      .record(z.string().regex(/^[1-9]\d*$/, 'an Odoo company id such as 2'), OdooCompany)
      .default({}),
    /**
     * Optional: the default company's currency. Ferry reads each Odoo company's currency from Odoo
     * (res.company); when this is set, the start-up companies check refuses an Odoo whose default
     * company keeps its books in another currency.
     */
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
  })
  .refine((o) => o.apiKey || o.password, { message: 'apiKey or password is required', path: ['apiKey'] });

const MatchKeys = z.array(z.enum(['ref', 'email', 'vat'])).min(1);

/** How a channel's consumers and businesses become Odoo customers (DESIGN.md §2: "by rule"). */
export const CustomerRules = z
  .strictObject({
    /** Consumers: one Odoo customer each, or all on the shared partner `sharedPartnerId`. */
    b2c: z.enum(['per-customer', 'shared']).default('per-customer'),
    /** res.partner id every consumer is booked on when `b2c` is `shared`. */
    sharedPartnerId: z.number().int().positive().optional(),
    /** Businesses (a company on the billing address): found or created, or they must exist in Odoo. */
    b2b: z.enum(['find-or-create', 'must-exist']).default('find-or-create'),
    /** Keys that find a consumer, in order; default the Odoo connection's (ref, email, vat). */
    b2cMatch: MatchKeys.optional(),
    /** Keys that find a business, in order; default vat, ref, email. */
    b2bMatch: MatchKeys.optional(),
  })
  .refine((c) => c.b2c !== 'shared' || c.sharedPartnerId !== undefined, {
    message: 'sharedPartnerId (an Odoo res.partner id) is required when b2c is shared',
    path: ['sharedPartnerId'],
  });

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a local time HH:MM');

/** An IANA zone name, checked against the zones Node's ICU knows (what the scheduler reads it with). */
const TimeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'expected an IANA time zone such as Europe/Amsterdam');

/** When a channel trades, in its own time zone (for the "no orders" alert and the channel's schedules). */
export const TradingHours = z
  .strictObject({
    timeZone: TimeZone,
    days: z
      .array(z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']))
      .min(1)
      .default(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']),
    from: HHMM,
    to: HHMM,
  })
  .refine((t) => t.from < t.to, {
    message: 'from must be before to (a window ends the day it starts)',
    path: ['to'],
  });

export const ShopifyChannel = z.strictObject({
  id: Id,
  kind: z.literal('shopify'),
  shopDomain: z.string().regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, 'expected <shop>.myshopify.com'),
  /** Admin API base URL override (simulators). Default https://<shopDomain>. */
  adminUrl: Url.optional(),
  apiVersion: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .default('2026-04'),
  webhookSecret: SecretRef,
  accessToken: SecretRef.optional(),
  clientId: z.string().optional(),
  clientSecret: SecretRef.optional(),
  currencies: z.array(z.string().length(3)).min(1).default(['USD']),
  pollEveryMinutes: z.number().int().min(1).default(10),
  /** How far back each poll reaches before its cursor. */
  pollOverlapMinutes: z.number().min(0).default(2),
  rules: z
    .strictObject({
      /** Lines short of available-to-promise: accept as backorder, or reject the order. */
      stock: z.enum(['backorder', 'reject']).default('backorder'),
      /** Largest difference from Odoo's price in percent; omitted accepts the channel's price. */
      priceTolerancePct: z.number().min(0).nullable().default(null),
      customers: CustomerRules.optional(),
      /**
       * Test orders (Shopify `test: true`): `ignore` them (recorded, never sent to Odoo), or accept
       * them into Odoo but never release them to a warehouse (`accept-no-release`, the default).
       */
      test: z.enum(['ignore', 'accept-no-release']).default('accept-no-release'),
      /** Holds before release to the warehouse. */
      holds: z
        .strictObject({
          /** Orders not paid yet (financial status pending, authorized, partially_paid) wait for payment. */
          unpaid: z.boolean().default(false),
          /** Orders the channel marks high-risk wait for a person. */
          highRisk: z.boolean().default(true),
        })
        .default({ unpaid: false, highRisk: true }),
    })
    .default({
      stock: 'backorder',
      priceTolerancePct: null,
      test: 'accept-no-release',
      holds: { unpaid: false, highRisk: true },
    }),
  /** The Odoo company (res.company id) this channel's orders book in; default odoo.company. */
  company: z.number().int().positive().optional(),
  /** Service products for this channel's custom items, gift cards and tips, over odoo.lineProducts. */
  lineProducts: LineProducts.optional(),
  locations: z.array(z.string()).default([]),
  shadow: z.boolean().default(false),
  /** When the channel trades; "no orders" alerts stay silent outside these hours. Default always. */
  tradingHours: TradingHours.optional(),
});

export const Lane = z.strictObject({
  name: Id,
  concurrency: z.number().int().min(1).max(256).default(4),
  batchSize: z.number().int().min(1).max(1000).default(1),
  leaseMs: z.number().int().min(100).default(30_000),
  maxAttempts: z.number().int().min(1).default(10),
  backoff: z.strictObject({ baseMs: z.number().int().min(1), capMs: z.number().int().min(1) }).optional(),
  shadow: z.boolean().default(false),
  impact: z.enum(IMPACTS).default('info'),
});

export const Flow = z.strictObject({
  lane: Id,
  class: z.enum(['real-time', 'batch']),
  /**
   * Refused: no flow ran on it, and one cron cannot stand for a flow's several schedules. Each
   * schedule is set where its work is configured, read in `schedules.timeZone`.
   */
  schedule: z
    .never({
      error:
        'not read by Ferry (remove it): schedules are set where their work is configured (channels[].pollEveryMinutes, inventory.channels.<id>.resyncCron, inventory.pollEverySeconds, alerts.everySeconds) and read in schedules.timeZone',
    })
    .optional(),
  enabled: z.boolean().default(true),
  shadow: z.boolean().default(false),
});

const Owner = z
  .string()
  .regex(/^(odoo|channel|wms|wms:[a-z0-9-]+|[a-z0-9-]+)$/, 'expected odoo, channel, wms or wms:<warehouse>');

export const Ownership = z.strictObject({
  product: Owner.default('odoo'),
  price: Owner.default('odoo'),
  inventory: z
    .strictObject({ default: Owner.default('odoo'), locations: z.record(z.string(), Owner).default({}) })
    .default({ default: 'odoo', locations: {} }),
  order: Owner.default('channel'),
  fulfilment: Owner.default('wms'),
  shipment: Owner.default('wms'),
  customer: Owner.default('odoo'),
  invoice: Owner.default('odoo'),
  settlement: Owner.default('channel'),
});

/** Availability rules and the Shopify location of one channel (issue 6). */
export const InventoryChannel = z.strictObject({
  /** Version id of these rules, recorded with every value published; change it when the rules change. */
  version: z.string().min(1).default('1'),
  /** `gid://shopify/Location/…` whose `available` quantity Ferry sets. */
  shopifyLocationId: z.string().min(1),
  /** Channel default: bufferUnits, percent, maxUnits, zeroBelowUnits. */
  rule: RuleFields.default({}),
  /** Overrides per product category. */
  categories: z.record(z.string(), RuleFields).default({}),
  /** Overrides per SKU. */
  skus: z.record(z.string(), RuleFields).default({}),
  /** Increases smaller than this are not published (decreases always are). Default 0. */
  publishDeltaUnits: z.number().int().nonnegative().default(0),
  /** Cron of the full resync that corrects drift, read in the channel's time zone. Default hourly. */
  resyncCron: z.string().min(1).default('17 * * * *'),
});

/**
 * Inventory publishing. Off (and nothing changes) while `locations` is empty. Each location's
 * owner comes from `ownership.inventory`; a channel sells from its `channels[].locations`, or from
 * every location here when that list is empty.
 */
export const Inventory = z.strictObject({
  /** Stock locations Ferry reads, by Odoo's full name (`WH/Stock`) or the WMS's code. */
  locations: z.array(z.string().min(1)).default([]),
  /** Per channel id. A channel missing here is not published to. */
  channels: z.record(z.string(), InventoryChannel).default({}),
  /** How often Odoo's stock.quant changes are polled, seconds. Default 30. */
  pollEverySeconds: z.number().int().min(1).default(30),
  /** Quantities per inventorySetQuantities call. Default 250. */
  batchSize: z.number().int().min(1).max(250).default(250),
});

/** Alert rules, evaluated by the scheduler once per firing across all processes (DESIGN.md §8). */
export const Alerts = z.strictObject({
  /** How often the rules are evaluated, seconds. Default 30. */
  everySeconds: z.number().int().min(5).max(3600).default(30),
  /** Receives a JSON POST on each alert's start and end; a secret reference when it embeds a token. */
  webhookUrl: z.union([SecretRef, Url]).optional(),
  /** Channel id → minutes without an order that alarm. */
  noOrdersMinutes: z.record(z.string(), z.number().min(1)).default({}),
  /** Real-time lanes whose oldest due job alarms past `maxAgeSeconds`. */
  queueAge: z
    .strictObject({
      lanes: z.array(z.string()).default(['intake', 'orders', 'shipments']),
      maxAgeSeconds: z.number().int().min(1).default(300),
    })
    .default({ lanes: ['intake', 'orders', 'shipments'], maxAgeSeconds: 300 }),
  /** Alarm while a partner's breaker is open. */
  breakerOpen: z.boolean().default(true),
  /** More than `threshold` new exceptions within `windowMinutes` alarms. */
  exceptionGrowth: z
    .strictObject({
      windowMinutes: z.number().int().min(1).default(60),
      threshold: z.number().int().min(1).default(50),
    })
    .default({ windowMinutes: 60, threshold: 50 }),
  /** Alarm while an X12 partner owes a 997 past the warehouse's ackDeadlineMinutes. */
  unacknowledgedEdi: z.boolean().default(true),
  /** A Slack incoming webhook (it embeds its token: a secret reference). */
  slack: z.strictObject({ webhookUrl: SecretRef }).optional(),
  /** E-mail over SMTP: STARTTLS on 587 by default, or implicit TLS (`secure`, 465). */
  email: z
    .strictObject({
      host: z.string().min(1),
      port: z.number().int().min(1).max(65535).optional(),
      secure: z.boolean().default(false),
      starttls: z.boolean().optional(),
      username: z.string().optional(),
      password: SecretRef.optional(),
      from: z.email(),
      to: z.array(z.email()).min(1),
    })
    .optional(),
  /** PagerDuty Events v2: the integration's routing key; `url` only for a proxy or a test receiver. */
  pagerduty: z.strictObject({ routingKey: SecretRef, url: Url.optional() }).optional(),
});

/**
 * Events out (DESIGN.md §10). Webhook subscriptions are managed at run time (`ferry events
 * subscribe`); the JetStream publisher is configured here.
 */
export const Events = z.strictObject({
  /** How often the outbox is read, ms: the floor of an event's delay to subscribers. */
  relayEveryMs: z.number().int().min(10).max(60_000).default(200),
  webhooks: z
    .strictObject({
      /** One delivery's time limit, ms. */
      timeoutMs: z.number().int().min(100).max(60_000).default(10_000),
      /** Waits before each retry, ms; default Standard Webhooks' schedule (about 28 hours). */
      retryScheduleMs: z.array(z.number().int().min(0)).min(1).max(20).optional(),
      /** An endpoint failing this many days without one success is disabled, with an alert. */
      disableAfterDays: z.number().min(0).default(5),
    })
    .default({ timeoutMs: 10_000, disableAfterDays: 5 }),
  nats: z
    .strictObject({
      url: z.string().regex(/^(nats|tls):\/\//, 'a nats:// or tls:// URL'),
      stream: z
        .string()
        .regex(/^[A-Za-z0-9_-]+$/)
        .default('FERRY_EVENTS'),
      subjectPrefix: z
        .string()
        .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/)
        .default('ferry.events'),
      /** The stream's duplicate window, ms; must outlast the publisher's retries (about 40 min). */
      duplicateWindowMs: z.number().int().min(60_000).default(7_200_000),
      /** Short event types to publish; empty for all. */
      types: z.array(z.string()).default([]),
      timeoutMs: z.number().int().min(100).default(5_000),
    })
    .optional(),
});

export const DEFAULT_LANES = [
  { name: 'intake', concurrency: 8, batchSize: 20 },
  // 25 orders per create and confirm: against the same ceiling (batches of 20 sent directly),
  // real Odoo 19 took 0.098 CPU-s per order from Ferry at 25 and 0.109 at 20 (orders-live bench).
  { name: 'orders', concurrency: 4, batchSize: 25 },
  { name: 'fulfilment', concurrency: 4 },
  { name: 'shipments', concurrency: 4 },
  { name: 'inventory', concurrency: 2 },
  { name: 'batch', concurrency: 1 },
];

/**
 * A service level (DESIGN.md §8): `targetPct` of the flow's work done within `withinMinutes`.
 * order-intake: from the channel's webhook (the order stored) to confirmed in Odoo, per channel;
 * shipment: from the warehouse's ship event to tracking on the channel, per warehouse.
 */
export const ServiceLevel = z.strictObject({
  flow: z.enum(['order-intake', 'shipment']),
  withinMinutes: z.number().positive(),
  targetPct: z.number().min(0).max(100),
});
export const DEFAULT_SERVICE_LEVELS: z.infer<typeof ServiceLevel>[] = [
  { flow: 'order-intake', withinMinutes: 2, targetPct: 95 },
  { flow: 'shipment', withinMinutes: 15, targetPct: 95 },
];

export const FerryConfig = z.strictObject({
  environment: z.enum(['sandbox', 'production']).default('sandbox'),
  http: z
    .strictObject({
      host: z.string().default('127.0.0.1'),
      port: z.number().int().min(0).max(65535).default(8080),
      bodyLimitBytes: z
        .number()
        .int()
        .min(1024)
        .default(2 * 1024 * 1024),
    })
    .default({ host: '127.0.0.1', port: 8080, bodyLimitBytes: 2 * 1024 * 1024 }),
  odoo: OdooConnection.optional(),
  channels: z.array(z.discriminatedUnion('kind', [ShopifyChannel])).default([]),
  warehouses: z.array(Warehouse).default([]),
  lanes: z.array(Lane).default(DEFAULT_LANES.map((l) => Lane.parse(l))),
  flows: z.record(z.string(), Flow).default({}),
  /**
   * The zone every schedule's local time is read in (the daily purge's 03:17 ...), following its
   * daylight saving; a channel's own schedules use its `tradingHours.timeZone` when it has one.
   */
  schedules: z.strictObject({ timeZone: TimeZone.default('UTC') }).default({ timeZone: 'UTC' }),
  ownership: Ownership.default(Ownership.parse({})),
  inventory: Inventory.default(Inventory.parse({})),
  inbox: z
    .strictObject({ retentionDays: z.number().int().min(1).default(90) })
    .default({ retentionDays: 90 }),
  /**
   * How long Ferry keeps what it stored, in days; the daily purge (and `ferry retention purge`)
   * applies it. Personal data goes first: customer data of finished orders and raw message bodies
   * after `personalDataDays`, while the records themselves stay until their own age.
   */
  retention: z
    .strictObject({
      /** Customer data of finished orders, and raw bodies of processed inbox messages. */
      personalDataDays: z.number().int().min(1).default(30),
      /** Inbox records (received, dedupe key, status); default `inbox.retentionDays`. */
      inboxDays: z.number().int().min(1).optional(),
      /** Completed and skipped jobs. */
      jobsDays: z.number().int().min(1).default(30),
      /** Order timelines and warehouse events. */
      eventsDays: z.number().int().min(1).default(365),
      /** Shadow-mode write records, resolved alerts, superseded inventory publications. */
      deliveryLogDays: z.number().int().min(1).default(90),
    })
    .default({ personalDataDays: 30, jobsDays: 30, eventsDays: 365, deliveryLogDays: 90 }),
  /**
   * Service levels of the daily completeness report (`ferry report completeness`): an order the
   * channel has that is missing at a stage longer than this after the channel created it raises the
   * `completeness` alert (checked hourly, for today and yesterday, UTC).
   */
  completeness: z
    .strictObject({
      /** Channel → Ferry, minutes. */
      ferryMinutes: z.number().int().min(1).default(15),
      /** Channel → confirmed in Odoo, minutes. */
      odooMinutes: z.number().int().min(1).default(120),
      /** Channel → shipped, hours. */
      shippedHours: z.number().int().min(1).default(72),
    })
    .default({ ferryMinutes: 15, odooMinutes: 120, shippedHours: 72 }),
  /** OpenTelemetry traces. Off by default: jobs still carry trace ids, nothing leaves the process. */
  tracing: z
    .strictObject({
      /** `service.name` on every span. */
      serviceName: z.string().min(1).default('ferry'),
      /** OTLP/HTTP traces endpoint (`http://collector:4318/v1/traces`); set it to export spans. */
      otlpUrl: Url.optional(),
    })
    .default({ serviceName: 'ferry' }),
  alerts: Alerts.default(Alerts.parse({})),
  events: Events.default(Events.parse({})),
  /**
   * Four-eyes (DESIGN §7): what waits, pending, until a second user approves it. Off by default;
   * a production profile turns it on. The server enforces it for the API and the console, the CLI
   * for its own changes when it reads this profile.
   */
  fourEyes: z
    .strictObject({
      /** Mapping and rule changes: set, remove, roll back, CSV import. */
      mappings: z.boolean().default(false),
      /** Edit-and-replay of an exception's payload. */
      editReplay: z.boolean().default(false),
    })
    .default({ mappings: false, editReplay: false }),
  /** Measured over the console overview's window, one per flow; the defaults are DESIGN.md §8's examples. */
  serviceLevels: z.array(ServiceLevel).default(DEFAULT_SERVICE_LEVELS),
  /** The web console: single sign-on beside token sign-in. */
  console: ConsoleSettings.default({}),
});

export type FerryConfig = z.infer<typeof FerryConfig>;
export type FerryConfigInput = z.input<typeof FerryConfig>;
