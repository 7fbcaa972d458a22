/**
 * The answers the console reads, as the admin API states them. Fields marked optional are ones a
 * server may leave out (older records, roles that do not see personal data); the console shows
 * what is there and never invents the rest.
 */

export interface User {
  /** Null for a token that belongs to no user (made before users existed). */
  id: number | null;
  name: string;
  role: string;
}

export interface Session {
  user: User;
  permissions: string[];
  csrfToken: string;
}

/** GET /api/session/providers: single sign-on the sign-in page may offer besides a token. */
export interface SignOnProviders {
  providers: { kind: 'oidc'; name: string; startUrl: string }[];
}

/** A page of a list: keyset cursor for the next page, and how many match the filter in all. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
}

export interface Attempt {
  attempt: number;
  at: number;
  code: string;
  message: string;
  retryable: boolean;
}

export interface ExceptionItem {
  id: number;
  jobId: number;
  lane: string;
  task: string;
  code: string;
  message: string;
  impact: string;
  /** What kind of failure: business rule, partner, data, configuration … */
  errorClass?: string;
  partner: string | null;
  status: string;
  createdAt: number;
  updatedAt?: number;
  resolvedAt: number | null;
  resolvedBy?: string | null;
  resolutionNote?: string | null;
  assignee?: { id: number; name: string } | null;
  /** The rule that failed, the values it saw and the fix in words. */
  rule?: string | null;
  values?: Record<string, unknown> | null;
  fix?: string | null;
  entities?: Record<string, string | number>;
  payload?: unknown;
  history?: Attempt[];
}

export interface Change {
  path: string;
  op?: 'add' | 'remove' | 'change';
  from: unknown;
  to: unknown;
}

/** Two payloads and what differs, as the server computed it. */
export interface PayloadDiff {
  from: { label: string; exceptionId?: number; payload: unknown };
  to: { label: string; exceptionId?: number; payload: unknown };
  changes: Change[];
}

export interface Batch {
  id?: number;
  action?: string;
  total: number;
  done: number;
  failed: number;
  /** running, then done. */
  status: string;
  failures?: { id: number; reason: string }[];
}

export interface SearchResult {
  id?: number;
  ref: string;
  /** Whether the id matched whole (else by its beginning). */
  exact?: boolean;
  matched: { field: string; value: string };
  state: string;
}

export interface OrderEvent {
  id: number;
  at: number;
  type: string;
  fromState: string | null;
  toState: string | null;
  source: string | null;
  detail: unknown;
}

export type TimelineEntry =
  | { at: number; kind: 'event'; event: OrderEvent; payload?: unknown }
  | {
      at: number;
      kind: 'inbox';
      inboxId: number;
      source: string;
      topic: string;
      status: string;
      jobState: string | null;
      reason: string | null;
      payload?: unknown;
    }
  | {
      at: number;
      kind: 'exception';
      exceptionId: number;
      code: string;
      impact: string;
      status: string;
      message: string;
    }
  | {
      at: number;
      kind: 'release';
      warehouse: string;
      state: string;
      externalRef: string | null;
      payload?: unknown;
    }
  | { at: number; kind: 'shipment'; warehouse: string; shipmentId: string; state: string; payload?: unknown };

export interface OrderSummary {
  id: number;
  ref: string;
  channel: string;
  channelOrderId: string;
  state: string;
  odooId: number | null;
  odooName: string | null;
  createdAt: number;
  updatedAt: number;
  canonical?: unknown;
}

/** An action the order page offers, with the request that does it (already filtered for the role). */
export interface OrderAction {
  action: 'hold' | 'release' | 'replay' | 'edit-replay' | 'skip';
  label: string;
  method: 'POST';
  url: string;
  exceptionId?: number;
}

export interface OrderPage {
  order: OrderSummary;
  /** The lifecycle bar, the next step and what happens next in words. */
  progress: {
    steps: { key: string; label: string; done: boolean; current: boolean }[];
    next: string | null;
    stopped: boolean;
    helper: string;
  };
  holds?: { kind: string; reason: string; by: string; at: number }[];
  openExceptions?: { id: number; code: string; impact: string; message: string; fix: string }[];
  actions: OrderAction[];
  timeline: TimelineEntry[];
}

/** One version of a mapping; the current one in lists. */
export interface Mapping {
  id: number;
  kind: string;
  scope: string;
  key: string;
  /** Null: this version removed the mapping. */
  value: string | null;
  version: number;
  createdAt: number;
  createdBy: string;
}

/** One mapping change a held approval would apply. */
export interface HeldMappingChange {
  kind: string;
  scope: string;
  key: string;
  value: string | null;
  from: string | null;
  baseVersion: number | null;
}

/** A change waiting for a second person (four-eyes), as the server shows it to the signed-in user. */
export interface Approval {
  id: number;
  kind: 'mappings' | 'edit-replay';
  target: string;
  summary: string;
  change:
    | { kind: 'mappings'; changes: HeldMappingChange[] }
    | { kind: 'edit-replay'; exceptionId: number; payload: unknown; diff: Change[] };
  status: 'pending' | 'approved' | 'rejected';
  requestedBy: string;
  requestedAt: number;
  decidedBy: string | null;
  decidedAt: number | null;
  reason: string | null;
  /** Whether this user may approve or reject it (the server decides; it refuses the rest). */
  mayDecide: boolean;
  /** Why not: their own change, or their role. */
  whyNot: string | null;
}

/** A mapping change answers the new version, or the approval it waits in under four-eyes. */
export type MappingChangeResult = Mapping | Approval;

export const isPending = (r: MappingChangeResult): r is Approval => 'mayDecide' in r;

export interface AuditEntry {
  id: number;
  at: number;
  actor: string;
  action: string;
  targetKind: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
}

export interface SavedView {
  id: number;
  screen: string;
  name: string;
  query: string;
}

export interface ShadowSetting {
  flow: string;
  channel: string;
  enabled: boolean;
}
