import { FerryError, isFerryError } from '../core/errors.js';

/**
 * PostgreSQL's deadlock_detected (40P01) and serialization_failure (40001), and SQLite's
 * SQLITE_BUSY family once its busy timeout has run out: the statement's transaction was rolled
 * back and nothing it wrote remains, so running it again is safe (PostgreSQL documents retrying
 * both, "Serialization Failure Handling", §13.4).
 */
const CONFLICT_CODES = new Set(['40P01', '40001', 'SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED']);

/** The store's lock-conflict code carried by `e` (or its cause), or null for any other failure. */
export function storeConflictCode(e: unknown): string | null {
  for (let cur = e, depth = 0; cur && typeof cur === 'object' && depth < 4; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && CONFLICT_CODES.has(code)) return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return null;
}

/**
 * Classifies a failure from Ferry's own store at the boundary: a lock conflict becomes the
 * retryable `store_conflict`, like a partner's lock conflict; anything else is returned unchanged.
 */
export function classifyStoreError(e: unknown): unknown {
  if (isFerryError(e)) return e;
  const code = storeConflictCode(e);
  if (!code) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new FerryError('store_conflict', `the store rolled back a lock conflict (${code}: ${message})`, {
    cause: e,
  });
}
