/**
 * Response schemas of the console's routes (issue 18), by `METHOD /path`; responses.ts looks here
 * for routes it does not list. Records are loose objects: the fields named are promised.
 */
import { z } from 'zod';

const Ms = z.number().int().describe('epoch ms');
const Session = z.object({
  user: z.object({ id: z.number().int().nullable(), name: z.string(), role: z.string() }),
  permissions: z.array(z.string()),
  csrfToken: z
    .string()
    .nullable()
    .describe('send as x-csrf-token on every change made with the cookie; null for a bearer token'),
});
const User = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  role: z.string(),
  createdAt: Ms,
  disabled: z.boolean(),
});

const QueueItem = z.looseObject({
  id: z.number().int(),
  status: z.string(),
  impact: z.string(),
  errorClass: z.string().describe('mapping, rule, data, access, partner, conflict or internal'),
  code: z.string(),
  lane: z.string(),
  task: z.string(),
  message: z.string(),
  rule: z.string().describe('the rule that failed, else the code'),
  values: z.record(z.string(), z.union([z.string(), z.number()])).describe('the values it failed on'),
  fix: z.string().describe('what to do, in words'),
  assignee: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  createdAt: Ms,
  updatedAt: Ms,
});
const Change = z.object({
  path: z.string().describe('lines[0].sku'),
  op: z.enum(['add', 'remove', 'change']),
  from: z.unknown(),
  to: z.unknown(),
});
const PayloadDiff = z.object({
  from: z.looseObject({ label: z.string(), payload: z.unknown() }),
  to: z.looseObject({ label: z.string(), payload: z.unknown() }),
  changes: z.array(Change),
});
const Batch = z.looseObject({
  id: z.number().int(),
  action: z.string(),
  total: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  status: z.enum(['running', 'done']),
  failures: z.array(z.object({ id: z.number().int(), reason: z.string() })),
});

/** The success answer of each console route. */
export const CONSOLE_RESPONSES: Record<string, { status: number; schema: z.ZodType }> = {
  'GET /api/exceptions': {
    status: 200,
    schema: z.object({
      items: z.array(QueueItem),
      nextCursor: z.string().nullable().describe('pass as cursor for the next page; null on the last'),
      total: z.number().int().describe('every match, across pages'),
      serverTime: Ms.describe('pass as changedSince on the next poll'),
    }),
  },
  'POST /api/exceptions/:id/assign': {
    status: 200,
    schema: z.object({
      id: z.number().int(),
      assignee: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    }),
  },
  'POST /api/exceptions/bulk': {
    status: 202,
    schema: z.object({ batchId: z.number().int(), total: z.number().int() }),
  },
  'GET /api/batches/:id': { status: 200, schema: Batch },
  'GET /api/search': {
    status: 200,
    schema: z.object({
      results: z.array(
        z.object({
          id: z.number().int(),
          ref: z.string(),
          state: z.string(),
          exact: z.boolean(),
          updatedAt: Ms,
          matched: z.object({ field: z.string(), value: z.string() }),
        }),
      ),
      serverTime: Ms.describe('pass as changedSince on the next poll'),
    }),
  },
  'GET /api/orders/:id': {
    status: 200,
    schema: z.looseObject({
      order: z.looseObject({
        id: z.number().int(),
        ref: z.string(),
        state: z.string(),
        canonical: z.unknown(),
      }),
      progress: z.object({
        steps: z.array(
          z.object({ key: z.string(), label: z.string(), done: z.boolean(), current: z.boolean() }),
        ),
        next: z.string().nullable(),
        stopped: z.boolean(),
        helper: z.string().describe('what happens next, in words'),
      }),
      holds: z.array(z.looseObject({ kind: z.string(), reason: z.string() })),
      openExceptions: z.array(z.looseObject({ id: z.number().int(), code: z.string(), fix: z.string() })),
      actions: z.array(
        z.looseObject({ action: z.string(), label: z.string(), method: z.literal('POST'), url: z.string() }),
      ),
      timeline: z.array(z.looseObject({ at: Ms, kind: z.string() })),
    }),
  },
  'GET /api/exceptions/:id/diff': { status: 200, schema: PayloadDiff },
  'POST /api/exceptions/:id/diff': { status: 200, schema: PayloadDiff },
  'POST /api/session': { status: 200, schema: Session },
  'GET /api/session': { status: 200, schema: Session },
  'GET /api/session/providers': {
    status: 200,
    schema: z.object({
      providers: z.array(
        z.object({
          kind: z.literal('oidc'),
          name: z.string().describe('shown as "Sign in with <name>"'),
          startUrl: z.string().describe('where the browser goes to start sign-on'),
        }),
      ),
    }),
  },
  'DELETE /api/session': { status: 200, schema: z.object({ signedOut: z.boolean() }) },
  'GET /api/users': { status: 200, schema: z.array(User.extend({ activeTokens: z.number().int() })) },
  'POST /api/users': { status: 201, schema: User },
  'PATCH /api/users/:id': { status: 200, schema: User },
  'POST /api/users/:id/tokens': {
    status: 201,
    schema: z.looseObject({ token: z.string().describe('shown in this answer only') }),
  },
  'POST /api/users/:id/link': {
    status: 201,
    schema: z.object({
      path: z.string().describe('/console/login?link=…; single use'),
      expiresAt: Ms,
      user: User,
    }),
  },
};
