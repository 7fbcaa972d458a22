/** Kysely table types for ordinary queries. Times are epoch milliseconds. */
import type { Generated } from 'kysely';

export interface JobsTable {
  id: Generated<number>;
  lane: string;
  task: string;
  payload: string;
  priority: Generated<number>;
  run_at: number;
  attempts: Generated<number>;
  max_attempts: number;
  state: Generated<string>;
  lease_until: Generated<number | null>;
  lease_token: Generated<string | null>;
  locked_by: Generated<string | null>;
  ordering_key: Generated<string | null>;
  idempotency_key: Generated<string | null>;
  partner: Generated<string | null>;
  errors: Generated<string>;
  trace: Generated<string | null>;
  created_at: number;
  updated_at: number;
  completed_at: Generated<number | null>;
}

export interface ExceptionsTable {
  id: Generated<number>;
  job_id: number;
  lane: string;
  task: string;
  code: string;
  message: string;
  impact: string;
  partner: Generated<string | null>;
  payload: string;
  history: string;
  entities: Generated<string>;
  status: Generated<string>;
  created_at: number;
  updated_at: number;
  resolved_at: Generated<number | null>;
  resolved_by: Generated<string | null>;
  resolution_note: Generated<string | null>;
  /** The user the exception is assigned to (migration 0010). */
  assignee_id: Generated<number | null>;
}

export interface InboxTable {
  id: Generated<number>;
  source: string;
  kind: string;
  received_at: number;
  headers: string;
  body: Buffer;
  signature: string;
  dedupe_key: Generated<string | null>;
  status: string;
  reason: Generated<string | null>;
  duplicate_count: Generated<number>;
  last_duplicate_at: Generated<number | null>;
  job_id: Generated<number | null>;
  processed_at: Generated<number | null>;
  payload_erased_at: Generated<number | null>;
}

export interface SchedulesTable {
  name: string;
  cron: string;
  lane: string;
  task: string;
  next_run_at: number;
  last_run_at: Generated<number | null>;
}

export interface ShadowWritesTable {
  id: Generated<number>;
  lane: string;
  job_id: number;
  partner: string;
  operation: string;
  payload: string;
  at: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  actor: string;
  action: string;
  target_kind: string;
  target_id: string;
  before: Generated<string | null>;
  after: Generated<string | null>;
}

export interface LanesTable {
  name: string;
  paused: Generated<number>;
  updated_at: number;
}

export interface RuntimeLockTable {
  id: number;
  holder: string;
  pid: number;
  host: string;
  heartbeat_at: number;
}

export interface FerryMigrationsTable {
  version: number;
  name: string;
  applied_at: number;
}

export interface OrdersTable {
  id: Generated<number>;
  ref: string;
  channel: string;
  channel_order_id: string;
  state: string;
  channel_updated_at: string;
  canonical: string;
  odoo_id: Generated<number | null>;
  odoo_name: Generated<string | null>;
  mapping_version: Generated<number | null>;
  created_at: number;
  updated_at: number;
  personal_data_erased_at: Generated<number | null>;
}

export interface OrderRefsTable {
  ref_key: string;
  order_id: number;
}

export interface OrderEventsTable {
  id: Generated<number>;
  order_id: number;
  at: number;
  type: string;
  from_state: string | null;
  to_state: string | null;
  source: string | null;
  detail: string | null;
}

export interface MappingsTable {
  id: Generated<number>;
  kind: string;
  scope: string;
  key: string;
  /** Null marks a deleted mapping (a version that removes it). */
  value: string | null;
  version: number;
  created_at: number;
  created_by: string;
}

export interface CursorsTable {
  name: string;
  value: string;
  updated_at: number;
}

export interface ApiTokensTable {
  id: Generated<number>;
  name: string;
  role: string;
  token_hash: string;
  prefix: string;
  created_at: number;
  created_by: string;
  expires_at: number | null;
  revoked_at: Generated<number | null>;
  revoked_by: Generated<string | null>;
  last_used_at: Generated<number | null>;
  /** The user the token acts as; null only for a migrated token no user could be made for. */
  user_id: Generated<number | null>;
}

export interface UsersTable {
  id: Generated<number>;
  name: string;
  role: string;
  created_at: number;
  created_by: string;
  disabled_at: Generated<number | null>;
}

export interface ConsoleSessionsTable {
  /** SHA-256 of the cookie value. */
  id_hash: string;
  user_id: number;
  /** The token signed in with; null for a sign-in link. */
  token_id: number | null;
  csrf_token: string;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
  revoked_at: Generated<number | null>;
}

export interface ConsoleBatchesTable {
  id: Generated<number>;
  action: string;
  reason: string;
  actor: string;
  /** JSON array of exception ids, fixed when the batch was asked for. */
  ids: string;
  total: number;
  /** How many ids from the start have been attempted. */
  position: Generated<number>;
  done: Generated<number>;
  failed: Generated<number>;
  status: Generated<string>;
  /** JSON: the first failures, `{id, reason}`. */
  failures: Generated<string>;
  created_at: number;
  updated_at: number;
  finished_at: Generated<number | null>;
}

export interface OrderSearchTable {
  /** Lower-case id after the cross-reference's last colon, without a leading `#`. */
  term: string;
  order_id: number;
  /** The cross-reference it came from (`tracking:1Z999`), or `ferry:ref:<ref>`. */
  source: string;
}

export interface LoginLinksTable {
  link_hash: string;
  user_id: number;
  created_at: number;
  created_by: string;
  expires_at: number;
  used_at: Generated<number | null>;
}

export interface SecretsTable {
  name: string;
  ciphertext: string;
  key_id: string;
  wrapped_key: string;
  version: number;
  created_at: number;
  updated_at: number;
  updated_by: string;
}

export interface ShadowSettingsTable {
  flow: string;
  channel: string;
  enabled: number;
  updated_at: number;
  updated_by: string;
}

export interface WarehouseReleasesTable {
  id: Generated<number>;
  order_ref: string;
  warehouse: string;
  state: string;
  request: string;
  external_ref: Generated<string | null>;
  ack_due_at: Generated<number | null>;
  acked_at: Generated<number | null>;
  alerted_at: Generated<number | null>;
  /** Trace context (W3C traceparent) of the job that sent the release. */
  trace: Generated<string | null>;
  created_at: number;
  updated_at: number;
}

export interface WarehouseShipmentsTable {
  id: Generated<number>;
  warehouse: string;
  shipment_id: string;
  order_ref: string;
  state: string;
  notice: string;
  picking_id: Generated<number | null>;
  odoo_done_at: Generated<number | null>;
  channel_snapshot: Generated<string | null>;
  channel_done_at: Generated<number | null>;
  channel_fulfillment_id: Generated<string | null>;
  created_at: number;
  updated_at: number;
}

export interface X12ControlNumbersTable {
  partner: string;
  kind: string;
  last_issued: number;
}

export interface X12OutboundTable {
  id: Generated<number>;
  partner: string;
  purpose: string;
  control_number: string;
  content: string;
  groups: string;
  sent_at: Generated<number | null>;
  created_at: number;
}

export interface X12AckLedgerTable {
  partner: string;
  functional_id: string;
  group_control: string;
  interchange_control: string;
  sets: string;
  sent_at: number;
  ack_due_at: number | null;
  acked_at: Generated<number | null>;
  ack_status: Generated<string | null>;
  alerted_at: Generated<number | null>;
}

export interface WarehouseEventsTable {
  id: Generated<number>;
  warehouse: string;
  kind: string;
  event_key: string;
  payload: string;
  at: number;
}

export interface InventoryPublicationsTable {
  id: Generated<number>;
  channel: string;
  sku: string;
  value: number;
  change_from: number | null;
  rule_version: string;
  /** JSON: the explanation (positions, in-flight, buffer, rule) the value was computed from. */
  inputs: string;
  idempotency_key: string;
  published_at: number;
}

export interface InventoryPublishedTable {
  channel: string;
  sku: string;
  value: number;
  publication_id: number | null;
  updated_at: number;
}

export interface InventoryPositionsTable {
  sku: string;
  location: string;
  source: string;
  on_hand: number;
  reserved: number;
  as_of: string;
  updated_at: number;
}

export interface AlertsTable {
  id: Generated<number>;
  rule: string;
  subject: string;
  message: string;
  since: number;
  resolved_at: Generated<number | null>;
  start_notified_at: Generated<number | null>;
  end_notified_at: Generated<number | null>;
}

export interface PrivacyRequestsTable {
  id: Generated<number>;
  channel: string;
  kind: string;
  inbox_id: number | null;
  /** JSON: the customer the request is about (ids as the channel sent them). */
  customer: string;
  received_at: number;
  completed_at: number;
  /** JSON: the data report, or what was erased and what was kept. */
  report: string;
}

/** All tables Ferry owns. Flows add theirs through later migrations and extend this type. */
export interface DB {
  jobs: JobsTable;
  exceptions: ExceptionsTable;
  inbox: InboxTable;
  schedules: SchedulesTable;
  shadow_writes: ShadowWritesTable;
  audit_log: AuditLogTable;
  lanes: LanesTable;
  runtime_lock: RuntimeLockTable;
  ferry_migrations: FerryMigrationsTable;
  orders: OrdersTable;
  order_refs: OrderRefsTable;
  order_events: OrderEventsTable;
  mappings: MappingsTable;
  cursors: CursorsTable;
  api_tokens: ApiTokensTable;
  secrets: SecretsTable;
  shadow_settings: ShadowSettingsTable;
  warehouse_releases: WarehouseReleasesTable;
  warehouse_shipments: WarehouseShipmentsTable;
  x12_control_numbers: X12ControlNumbersTable;
  x12_outbound: X12OutboundTable;
  x12_ack_ledger: X12AckLedgerTable;
  warehouse_events: WarehouseEventsTable;
  inventory_publications: InventoryPublicationsTable;
  inventory_published: InventoryPublishedTable;
  inventory_positions: InventoryPositionsTable;
  alerts: AlertsTable;
  privacy_requests: PrivacyRequestsTable;
  users: UsersTable;
  console_sessions: ConsoleSessionsTable;
  login_links: LoginLinksTable;
  console_batches: ConsoleBatchesTable;
  order_search: OrderSearchTable;
  events: EventsTable;
  event_subscriptions: EventSubscriptionsTable;
  event_deliveries: EventDeliveriesTable;
  approvals: ApprovalsTable;
  saved_views: SavedViewsTable;
}

/** The events outbox (migration 12): one canonical event per state change. */
export interface EventsTable {
  seq: Generated<number>;
  event_id: string;
  type: string;
  subject: string;
  time: number;
  data: string;
  relayed_at: Generated<number | null>;
}

export interface EventSubscriptionsTable {
  id: Generated<number>;
  name: string;
  kind: string;
  url: string | null;
  /** JSON array of event types (short form, e.g. `order.shipped`); empty means every type. */
  types: string;
  payload: string;
  secret_name: string | null;
  previous_secret_name: Generated<string | null>;
  previous_until: Generated<number | null>;
  enabled: Generated<number>;
  disabled_reason: Generated<string | null>;
  failing_since: Generated<number | null>;
  created_at: number;
  updated_at: number;
}

export interface EventDeliveriesTable {
  id: Generated<number>;
  subscription_id: number;
  event_id: string;
  attempt: number;
  at: number;
  ok: number;
  status: number | null;
  error: string | null;
  duration_ms: number;
}

/** Four-eyes approvals (migration 13): a held change, and who decided it. */
export interface ApprovalsTable {
  id: Generated<number>;
  /** `mappings` or `edit-replay`. */
  kind: string;
  /** What the change is about, for lists: `sku/shop-us/X-1`, `exception 42`, `3 mappings`. */
  target: string;
  change_json: string;
  /** pending, approved or rejected. */
  status: string;
  requested_by: string;
  requested_user_id: number | null;
  requested_at: number;
  decided_by: Generated<string | null>;
  decided_user_id: Generated<number | null>;
  decided_at: Generated<number | null>;
  reason: Generated<string | null>;
}

/** One user's named filters for one console screen (migration 14). */
export interface SavedViewsTable {
  id: Generated<number>;
  user_id: number;
  /** The screen the view is for: `exceptions`, `orders`, `audit`. */
  screen: string;
  name: string;
  /** The screen's query string, without `?`. */
  query: string;
  created_at: number;
}
