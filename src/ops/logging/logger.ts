import pino from 'pino';
import type { Logger } from 'pino';
import { scrubText, scrubValue } from './scrub.js';

export type { Logger } from 'pino';

/**
 * Field names whose values never reach a log line: secrets and personal data. pino's redaction
 * replaces them wherever they appear in a logged object (two levels deep and in arrays).
 */
export const REDACTED_KEYS = [
  'password',
  'apiKey',
  'api_key',
  'token',
  'accessToken',
  'access_token',
  'secret',
  'clientSecret',
  'authorization',
  'email',
  'phone',
  'street',
  'street2',
  'address1',
  'address2',
  'zip',
  'vat',
  'address',
  'shippingAddress',
  'billingAddress',
  'shipping_address',
  'billing_address',
  'cookie',
];

const paths = REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `*[*].${k}`, `*.*[*].${k}`]);

/** Structured JSON logs; `destination` lets tests capture output. */
export function createLogger(opts: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  return pino(
    {
      level: opts.level ?? 'info',
      redact: { paths, censor: '[redacted]' },
      base: { app: 'ferry' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Key redaction cannot see personal data inside free text; scrub messages and string fields.
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? scrubText(a) : a)) as Parameters<typeof method>,
          );
        },
      },
      formatters: { log: (obj) => scrubValue(obj) as Record<string, unknown> },
    },
    opts.destination ?? pino.destination({ dest: 2, sync: false }),
  );
}
