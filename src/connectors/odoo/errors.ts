/**
 * Odoo failures → FerryError. JSON-RPC errors are classified by `error.data.name` (the Python
 * exception class), JSON-2 errors by HTTP status plus `name`; never by `code` or message text,
 * which change between versions (ODOO.md §4, §5). Odoo's own message is kept for people.
 */
import { FerryError } from '../../core/errors.js';
import type { ErrorCode } from '../../core/errors.js';

interface Rule {
  code: ErrorCode;
  retryable?: boolean;
}

/** Exception class → Ferry classification. Exact names first; prefixes below. */
export const EXCEPTION_TABLE: Readonly<Record<string, Rule>> = {
  'odoo.exceptions.AccessDenied': { code: 'partner_auth' },
  'werkzeug.exceptions.Unauthorized': { code: 'partner_auth' },
  'odoo.http.SessionExpiredException': { code: 'partner_auth' },
  'odoo.exceptions.AccessError': { code: 'partner_access' },
  'werkzeug.exceptions.Forbidden': { code: 'partner_access' },
  'odoo.exceptions.UserError': { code: 'partner_validation' },
  'odoo.exceptions.ValidationError': { code: 'partner_validation' },
  'odoo.exceptions.RedirectWarning': { code: 'partner_validation' },
  'werkzeug.exceptions.UnprocessableEntity': { code: 'partner_validation' },
  'werkzeug.exceptions.NotFound': { code: 'partner_validation' },
  'werkzeug.exceptions.BadRequest': { code: 'partner_validation' },
  'odoo.exceptions.MissingError': { code: 'partner_missing_record' },
  'odoo.exceptions.LockError': { code: 'partner_conflict' },
  // Odoo already retried these 5 times server-side (ODOO.md §3); one more later is reasonable.
  'psycopg2.errors.SerializationFailure': { code: 'partner_conflict' },
  'psycopg2.extensions.TransactionRollbackError': { code: 'partner_conflict' },
  'psycopg2.errors.DeadlockDetected': { code: 'partner_conflict' },
  'psycopg2.errors.LockNotAvailable': { code: 'partner_conflict' },
  // Database unreachable (or unknown: verifyConnection reports that case at start-up).
  'psycopg2.OperationalError': { code: 'partner_unavailable' },
  'psycopg2.errors.OperationalError': { code: 'partner_unavailable' },
};

/** Whole families by module prefix: Python builtins are programming/data errors (permanent). */
const PREFIX_TABLE: readonly [string, Rule][] = [
  ['builtins.', { code: 'partner_validation' }],
  ['psycopg2.', { code: 'partner_unavailable', retryable: false }],
];

export function classifyException(name: string): Rule {
  return (
    EXCEPTION_TABLE[name] ?? PREFIX_TABLE.find(([p]) => name.startsWith(p))?.[1] ?? { code: 'unclassified' }
  );
}

export interface OdooErrorBody {
  name?: unknown;
  message?: unknown;
  arguments?: unknown;
}

function build(
  rule: Rule,
  name: string,
  message: string,
  extra: { status?: number; model?: string; method?: string },
) {
  return new FerryError(rule.code, message, {
    partner: 'odoo',
    ...(rule.retryable === undefined ? {} : { retryable: rule.retryable }),
    details: { exception: name, ...extra },
    entities: extra.model ? { model: extra.model, ...(extra.method ? { method: extra.method } : {}) } : {},
  });
}

/** JSON-RPC `error` member (HTTP 200). */
export function fromJsonRpcError(error: unknown, call: { model?: string; method?: string } = {}): FerryError {
  const data = (error as { data?: OdooErrorBody } | undefined)?.data ?? {};
  const name = typeof data.name === 'string' ? data.name : 'unknown';
  const message = typeof data.message === 'string' ? data.message : 'Odoo Server Error';
  return build(classifyException(name), name, message, call);
}

/** Status → classification when the body names no known exception (a proxy's page, a bare 5xx). */
function byStatus(status: number): Rule {
  if (status === 401) return { code: 'partner_auth' };
  if (status === 403) return { code: 'partner_access' };
  if (status === 404) return { code: 'partner_validation' };
  if (status === 409) return { code: 'partner_conflict' };
  if (status === 429) return { code: 'partner_rate_limited' };
  if (status === 504) return { code: 'partner_timeout' };
  if (status >= 500) return { code: 'partner_unavailable' };
  return { code: 'partner_validation' };
}

/**
 * JSON-2 answer with a non-2xx status. 404 with MissingError is a missing record, other 404s are an
 * unknown model or method; a 500 keeps the class's meaning (ValueError stays permanent).
 */
export function fromJson2Error(
  status: number,
  body: unknown,
  call: { model?: string; method?: string } = {},
  retryAfterMs?: number,
): FerryError {
  const b = (typeof body === 'object' && body !== null ? body : {}) as OdooErrorBody;
  const name = typeof b.name === 'string' ? b.name : '';
  const message = typeof b.message === 'string' ? b.message : `HTTP ${status} from Odoo`;
  const known = name && (EXCEPTION_TABLE[name] ?? PREFIX_TABLE.find(([p]) => name.startsWith(p)));
  const rule = known ? classifyException(name) : byStatus(status);
  const err = build(rule, name || `http ${status}`, message, { status, ...call });
  if (retryAfterMs === undefined) return err;
  return new FerryError(err.code, err.message, { partner: 'odoo', retryAfterMs, details: err.details });
}

const TIMEOUT_CODES = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'ETIMEDOUT',
]);

/** Network failures: timeouts and dropped connections are retryable; the answer may be lost. */
export function fromTransportError(e: unknown, url: string): FerryError {
  const err = e as { code?: string; name?: string; message?: string; cause?: { code?: string } };
  const code = err.code ?? err.cause?.code ?? '';
  const timeout = TIMEOUT_CODES.has(code) || err.name === 'TimeoutError' || err.name === 'AbortError';
  return new FerryError(
    timeout ? 'partner_timeout' : 'partner_unavailable',
    `${timeout ? 'timed out talking to' : 'cannot reach'} Odoo at ${url}: ${code || err.message || String(e)}`,
    { partner: 'odoo', cause: e, details: { transport: code || err.name } },
  );
}
