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
  ref: string;
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
  | { at: number; kind: 'outbound'; system: string; request?: unknown; response?: unknown; status?: string };

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

export interface OrderPage {
  order: OrderSummary;
  /** Lifecycle steps in order, with the one the order has reached. */
  progress?: { steps: string[]; current: number; state?: string };
  nextStep?: string;
  /** Actions the order's state allows (the server still checks the role). */
  actions?: string[];
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
