/**
 * Ferry's one failure type. Every failure is classified where it enters Ferry (a partner answer,
 * a payload, the store), so the queue decides retry or exception queue from these fields only.
 */

/** Business impact of an exception, used to sort the exception queue (DESIGN.md §6). */
export const Impact = {
  blocksShipment: 'blocks-shipment',
  oversellRisk: 'oversell-risk',
  finance: 'finance',
  info: 'info',
} as const;
export type Impact = (typeof Impact)[keyof typeof Impact];
export const IMPACTS = Object.values(Impact) as [Impact, ...Impact[]];

/** Stable error codes with their default classification. */
export const ErrorCodes = {
  // configuration and start-up
  config_invalid: { retryable: false, status: 500 },
  store_unreachable: { retryable: false, status: 503 },
  store_corrupt: { retryable: false, status: 500 },
  store_locked: { retryable: false, status: 503 },
  /** A deadlock or serialization failure inside Ferry's own store: rolled back, safe to run again. */
  store_conflict: { retryable: true, status: 503 },
  // input
  bad_request: { retryable: false, status: 400 },
  payload_invalid: { retryable: false, status: 422 },
  unknown_lane: { retryable: false, status: 400 },
  not_found: { retryable: false, status: 404 },
  conflict: { retryable: false, status: 409 },
  unauthorized: { retryable: false, status: 401 },
  forbidden: { retryable: false, status: 403 },
  // partner failures
  partner_auth: { retryable: false, status: 502 },
  partner_access: { retryable: false, status: 502 },
  partner_validation: { retryable: false, status: 422 },
  partner_missing_record: { retryable: false, status: 404 },
  partner_rate_limited: { retryable: true, status: 429 },
  partner_unavailable: { retryable: true, status: 503 },
  partner_timeout: { retryable: true, status: 504 },
  partner_conflict: { retryable: true, status: 409 },
  breaker_open: { retryable: true, status: 503 },
  // business rules
  mapping_missing: { retryable: false, status: 422 },
  rule_failed: { retryable: false, status: 422 },
  ownership_violation: { retryable: false, status: 409 },
  // engine
  lease_lost: { retryable: true, status: 409 },
  unclassified: { retryable: false, status: 500 },
} as const satisfies Record<string, { retryable: boolean; status: number }>;
export type ErrorCode = keyof typeof ErrorCodes;

export interface FerryErrorOptions {
  /** Overrides the code's default classification. */
  retryable?: boolean;
  /** A partner's Retry-After, in milliseconds; the queue waits at least this long. */
  retryAfterMs?: number;
  /**
   * The job is put back without consuming an attempt (an open breaker, an exhausted rate limit):
   * the work waits for the partner, it does not fail.
   */
  defer?: boolean;
  impact?: Impact;
  /** Partner system the failure came from (`odoo`, `shopify:main`, ...). */
  partner?: string;
  /** Ids a person needs to act: order reference, Odoo id, SKU ... */
  entities?: Record<string, string | number>;
  /** Extra structured detail (never secrets). */
  details?: unknown;
  cause?: unknown;
}

const BRAND = Symbol.for('ferry.error');

export class FerryError extends Error {
  readonly [BRAND] = true;
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly defer: boolean;
  readonly impact: Impact | undefined;
  readonly partner: string | undefined;
  readonly entities: Record<string, string | number>;
  readonly details: unknown;
  readonly status: number;

  constructor(code: ErrorCode, message: string, options: FerryErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FerryError';
    this.code = code;
    this.retryable = options.retryable ?? ErrorCodes[code].retryable;
    this.retryAfterMs = options.retryAfterMs;
    this.defer = options.defer ?? false;
    this.impact = options.impact;
    this.partner = options.partner;
    this.entities = options.entities ?? {};
    this.details = options.details;
    this.status = ErrorCodes[code].status;
  }

  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      ...(this.retryAfterMs === undefined ? {} : { retryAfterMs: this.retryAfterMs }),
      ...(this.impact === undefined ? {} : { impact: this.impact }),
      ...(this.partner === undefined ? {} : { partner: this.partner }),
      ...(Object.keys(this.entities).length ? { entities: this.entities } : {}),
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

/** Type guard that also recognises FerryErrors from another copy of this module. */
export function isFerryError(e: unknown): e is FerryError {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === true;
}

/** Wraps anything thrown into a FerryError; unknown failures are not retried (`unclassified`). */
export function toFerryError(e: unknown): FerryError {
  if (isFerryError(e)) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new FerryError('unclassified', message, { cause: e });
}
