/**
 * Shared types of the Odoo simulator. Versions are the four Ferry supports (DESIGN.md §2); 17, 18
 * and 19 follow what real servers answered (shared/ODOO.md), 16 follows Odoo's documentation.
 */
import type { Clock } from '../../core/clock.js';
import type { Db } from './db.js';

export const ODOO_VERSIONS = [16, 17, 18, 19] as const;
export type OdooVersion = (typeof ODOO_VERSIONS)[number];

/** One stored record: plain JSON values, many2one as an id or false, many2many as id lists. */
export interface Rec {
  id: number;
  [field: string]: unknown;
}

export type Context = Record<string, unknown>;

/** Odoo exception class names as they appear in `data.name` / the JSON-2 body `name`. */
export const ExceptionName = {
  accessDenied: 'odoo.exceptions.AccessDenied',
  accessError: 'odoo.exceptions.AccessError',
  userError: 'odoo.exceptions.UserError',
  validationError: 'odoo.exceptions.ValidationError',
  missingError: 'odoo.exceptions.MissingError',
  lockError: 'odoo.exceptions.LockError',
  valueError: 'builtins.ValueError',
  attributeError: 'builtins.AttributeError',
  typeError: 'builtins.TypeError',
  indexError: 'builtins.IndexError',
  operationalError: 'psycopg2.OperationalError',
  serializationFailure: 'psycopg2.errors.SerializationFailure',
  notFound: 'werkzeug.exceptions.NotFound',
  unauthorized: 'werkzeug.exceptions.Unauthorized',
  unprocessable: 'werkzeug.exceptions.UnprocessableEntity',
} as const;
export type ExceptionName = (typeof ExceptionName)[keyof typeof ExceptionName];

/** A server-side exception; rendered per protocol by the server (ODOO.md §4, §5). */
export class SimError extends Error {
  readonly exception: ExceptionName;
  /** HTTP status for JSON-2; JSON-RPC always answers 200. */
  readonly httpStatus: number;
  /** Extra `arguments` after the message (JSON-2 werkzeug errors carry the status). */
  readonly extraArgs: readonly unknown[];

  constructor(exception: ExceptionName, message: string, httpStatus?: number, extraArgs: unknown[] = []) {
    super(message);
    this.name = 'SimError';
    this.exception = exception;
    this.httpStatus = httpStatus ?? json2Status(exception);
    this.extraArgs = extraArgs;
  }
}

/** JSON-2 status per exception class, as Odoo 19 answered (ODOO.md §5). */
function json2Status(name: ExceptionName): number {
  switch (name) {
    case ExceptionName.unauthorized:
    case ExceptionName.accessDenied:
      return 401;
    case ExceptionName.accessError:
      return 403;
    case ExceptionName.notFound:
    case ExceptionName.missingError:
      return 404;
    case ExceptionName.lockError:
      return 409;
    case ExceptionName.userError:
    case ExceptionName.validationError:
    case ExceptionName.unprocessable:
      return 422;
    case ExceptionName.valueError:
    case ExceptionName.attributeError:
    case ExceptionName.typeError:
    case ExceptionName.indexError:
    case ExceptionName.operationalError:
    case ExceptionName.serializationFailure:
      return 500;
  }
}

export function isSimError(e: unknown): e is SimError {
  return e instanceof SimError;
}

/** What a model method sees: the database, the version, the caller and the call's context. */
export interface Env {
  readonly db: Db;
  readonly version: OdooVersion;
  readonly uid: number;
  readonly ctx: Context;
  readonly clock: Clock;
  /** Waits inside a method, between its check and its commit (used to expose races). */
  readonly pause: () => Promise<void>;
}

/** Text of a stored scalar (records hold unknown values; objects never reach names). */
export function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}
