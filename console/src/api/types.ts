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

export interface Mapping {
  kind: string;
  scope: string;
  key: string;
  value: string | null;
  version: number;
  at?: number;
  actor?: string;
  status?: string;
}

export interface Approval {
  id: number;
  kind: string;
  summary?: string;
  target?: string;
  requestedBy: string;
  requestedAt: number;
  change?: unknown;
  status: string;
}

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
