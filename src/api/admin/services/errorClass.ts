/**
 * Error classes: the exception queue's column that says what kind of problem a code is, so a
 * person knows whom it is for (a mapping to add, data to correct, a partner to call) and what
 * the fix is, in words. Every stable error code belongs to exactly one class.
 */
import type { ErrorCode } from '../../../core/errors.js';

export const ERROR_CLASSES = {
  /** Something Ferry must be told: a SKU, tax or carrier mapping. */
  mapping: ['mapping_missing'],
  /** A business rule refused the record: price, currency, stock, ownership, totals. */
  rule: ['rule_failed', 'ownership_violation'],
  /** The record itself is wrong or incomplete, or a partner refused its content. */
  data: ['payload_invalid', 'bad_request', 'partner_validation', 'partner_missing_record', 'not_found'],
  /** Ferry may not talk to the partner: credentials or permissions. */
  access: ['partner_auth', 'partner_access', 'unauthorized', 'forbidden'],
  /** The partner stayed unavailable through every retry. */
  partner: [
    'partner_rate_limited',
    'partner_unavailable',
    'partner_timeout',
    'partner_conflict',
    'breaker_open',
  ],
  /** Two changes met: the order moved on while this one waited. */
  conflict: ['conflict', 'store_conflict', 'lease_lost'],
  /** Ferry itself: configuration, store, or a failure nobody classified. */
  internal: [
    'config_invalid',
    'store_unreachable',
    'store_corrupt',
    'store_locked',
    'unknown_lane',
    'unclassified',
  ],
} as const satisfies Record<string, readonly ErrorCode[]>;

export type ErrorClass = keyof typeof ERROR_CLASSES;
export const ERROR_CLASS_NAMES = Object.keys(ERROR_CLASSES) as [ErrorClass, ...ErrorClass[]];

/** The class of a code; an unknown code is internal. */
export function errorClassOf(code: string): ErrorClass {
  for (const name of ERROR_CLASS_NAMES)
    if ((ERROR_CLASSES[name] as readonly string[]).includes(code)) return name;
  return 'internal';
}

/** The codes of a class (for filtering by class in SQL). */
export function codesOf(cls: ErrorClass): readonly string[] {
  return ERROR_CLASSES[cls];
}

const GENERIC_FIX: Record<ErrorClass, string> = {
  mapping: 'Add the missing mapping (Mappings), then replay.',
  rule: 'Correct the value the rule refused (in the channel, in Odoo, or with edit-and-replay), or skip with a reason if the order should not go through.',
  data: 'Correct the payload with edit-and-replay, or fix the record at its source and replay.',
  access: "Check the partner's credentials and permissions (Partners → test connection), then replay.",
  partner:
    'The partner was unavailable through every retry: replay once it answers again (Partners shows its health).',
  conflict:
    'The order changed while this waited: open the order to see its current state, then replay or skip.',
  internal:
    'Ferry failed on its own side: read the message, check the configuration and the store, then replay.',
};

/**
 * The fix in words: the flow's own instruction when its message carries one (the part after the
 * last "; " naming what to do), else the class's.
 */
export function fixInWords(code: string, message: string): string {
  const tail = message.slice(message.lastIndexOf('; ') + 2);
  if (message.includes('; ') && /\b(add|set|correct|check|replay|create|map|fix|change|remove)\b/i.test(tail))
    return tail.charAt(0).toUpperCase() + tail.slice(1);
  return GENERIC_FIX[errorClassOf(code)];
}
