/**
 * Imports that still break a layering rule (src/architecture.test.ts), each waiting for the work
 * that removes it. The test fails when an import breaks a rule and is not listed here, and when a
 * listed one no longer exists: the list only shrinks, and each entry goes with the change that
 * fixes it. Keys are `importing file → imported module` as the test prints them; values say which
 * work removes the entry.
 */

export const PENDING: ReadonlyMap<string, string> = new Map<string, string>([]);
