/**
 * Response schemas of the admin API, by `METHOD /path`, attached to each route as it registers.
 * They describe the answers in the OpenAPI document and are checked when an answer is serialised.
 * Records are loose objects: the fields named here are promised; others may be added.
 */
import { z } from 'zod';
import { CONSOLE_RESPONSES } from './consoleResponses.js';
import { Approval, MAPPING_RESPONSES } from './mappingResponses.js';
import { HEALTH_RESPONSES } from './healthResponses.js';

const Ms = z.number().int().describe('epoch ms');
const MaybeMs = Ms.nullable();

/** Every refusal and failure: a stable code and a message; 5xx answers add the request id. */
export const ErrorBody = z.object({
  error: z.string().describe('stable code, e.g. not_found, forbidden, bad_request'),
  message: z.string(),
  requestId: z.string().optional().describe('5xx only: the id in the log line and x-request-id'),
});

const Exception = z.looseObject({
  id: z.number().int(),
  jobId: z.number().int(),
  lane: z.string(),
  task: z.string(),
  code: z.string(),
  message: z.string(),
  impact: z.string(),
  partner: z.string().nullable(),
  status: z.string(),
  createdAt: Ms,
  resolvedAt: MaybeMs,
});
const MissingOrder = z.looseObject({
  channelOrderId: z.string(),
  ref: z.string().nullable(),
  createdAt: z.string(),
  ferryState: z.string().nullable(),
  overdue: z.boolean().describe('past the stage service level'),
});
const CompletenessReport = z.looseObject({
  channel: z.string(),
  date: z.string().describe('UTC day, YYYY-MM-DD'),
  generatedAt: z.string(),
  counts: z.object({ channel: z.number(), ferry: z.number(), odoo: z.number(), shipped: z.number() }),
  missing: z
    .record(z.string(), z.array(MissingOrder))
    .describe('orders missing at each stage: ferry, odoo, shipped'),
  notInChannel: z.array(z.string()),
});

const Order = z.looseObject({
  id: z.number().int(),
  ref: z.string(),
  channel: z.string(),
  channelOrderId: z.string(),
  state: z.string(),
  odooId: z.number().int().nullable(),
  odooName: z.string().nullable(),
  createdAt: Ms,
  updatedAt: Ms,
});
const HoldResult = z.object({
  order: z.string(),
  holds: z.array(z.looseObject({ kind: z.string(), reason: z.string(), by: z.string(), at: Ms })),
  releaseQueued: z.boolean().describe('the last hold ended and the warehouse release was asked again'),
});
const Job = z.looseObject({ id: z.number().int(), lane: z.string(), task: z.string(), state: z.string() });
const Lane = z.looseObject({
  lane: z.string(),
  due: z.number().int(),
  running: z.number().int(),
  oldestDueAgeMs: z.number(),
  completedLastHour: z.number().int(),
  paused: z.boolean(),
});
const Partner = z.looseObject({
  name: z.string(),
  health: z.enum(['healthy', 'failing', 'recovering', 'down', 'unknown']),
  breaker: z.string(),
  headroom: z.number(),
  lastSuccessAt: MaybeMs,
  lastFailureAt: MaybeMs,
  lastError: z.string().nullable(),
});
const InboxRow = z.looseObject({
  id: z.number().int(),
  source: z.string(),
  kind: z.string(),
  status: z.string(),
  receivedAt: Ms,
  reason: z.string().nullable(),
});
const Shadow = z.looseObject({ flow: z.string(), channel: z.string(), enabled: z.boolean() });
const Audit = z.looseObject({
  id: z.number().int(),
  at: Ms,
  actor: z.string(),
  action: z.string(),
  targetKind: z.string(),
  targetId: z.string(),
});
const Token = z.looseObject({ id: z.number().int(), name: z.string(), role: z.string(), prefix: z.string() });
const Secret = z.looseObject({
  name: z.string(),
  keyId: z.string(),
  version: z.number().int(),
  updatedAt: Ms,
});
const Alert = z.looseObject({ rule: z.string(), subject: z.string(), message: z.string(), since: Ms });
const Replayed = z.object({ replayed: z.array(z.number().int()) });

/** The success answer of each route. */
export const RESPONSES: Record<string, { status: number; schema: z.ZodType }> = {
  'GET /api/exceptions/:id': { status: 200, schema: Exception },
  'POST /api/exceptions/:id/replay': { status: 200, schema: Replayed },
  'POST /api/exceptions/replay': { status: 200, schema: Replayed },
  'POST /api/exceptions/:id/edit-replay': {
    status: 200,
    schema: z.union([Replayed, z.object({ pending: Approval }).describe('held for a second person')]),
  },
  'POST /api/exceptions/:id/skip': { status: 200, schema: z.object({ skipped: z.number().int() }) },
  'GET /api/shadow': { status: 200, schema: z.array(Shadow) },
  'PUT /api/shadow/:flow/:channel': { status: 200, schema: Shadow },
  'GET /api/audit': { status: 200, schema: z.array(Audit) },
  'GET /api/tokens': { status: 200, schema: z.array(Token) },
  'POST /api/tokens': {
    status: 201,
    schema: z.looseObject({ token: z.string().describe('shown in this answer only') }),
  },
  'DELETE /api/tokens/:id': { status: 200, schema: z.object({ revoked: z.number().int() }) },
  'GET /api/secrets': { status: 200, schema: z.array(Secret) },
  'PUT /api/secrets/:name': { status: 200, schema: Secret },
  'GET /api/orders': { status: 200, schema: z.array(Order) },
  'GET /api/orders/:id/timeline': {
    status: 200,
    schema: z.object({ order: Order, entries: z.array(z.looseObject({ at: Ms, kind: z.string() })) }),
  },
  'POST /api/orders/:id/hold': { status: 200, schema: HoldResult },
  'POST /api/orders/:id/release': { status: 200, schema: HoldResult },
  'GET /api/jobs': { status: 200, schema: z.array(Job) },
  'GET /api/lanes': { status: 200, schema: z.array(Lane) },
  'POST /api/lanes/:name/pause': {
    status: 200,
    schema: z.object({ lane: z.string(), paused: z.boolean(), changed: z.boolean() }),
  },
  'POST /api/lanes/:name/resume': {
    status: 200,
    schema: z.object({ lane: z.string(), paused: z.boolean(), changed: z.boolean() }),
  },
  'GET /api/partners': { status: 200, schema: z.array(Partner) },
  'GET /api/inbox': { status: 200, schema: z.array(InboxRow.extend({ bytes: z.number().int() })) },
  'GET /api/inbox/:id': { status: 200, schema: InboxRow.extend({ body: z.string() }) },
  'GET /api/alerts': { status: 200, schema: z.array(Alert) },
  'GET /api/reports/completeness': { status: 200, schema: z.array(CompletenessReport) },
};

/** Refusals every route may answer (401 without a token, 403 for a role without the permission). */
const ERRORS = [400, 401, 403, 404, 409, 500, 503] as const;

/** The response schemas of one route; a route missing from RESPONSES is a mistake and stops start-up. */
export function responsesFor(method: string, url: string): Record<number, z.ZodType> {
  const ok =
    RESPONSES[`${method} ${url}`] ??
    CONSOLE_RESPONSES[`${method} ${url}`] ??
    MAPPING_RESPONSES[`${method} ${url}`] ??
    HEALTH_RESPONSES[`${method} ${url}`];
  if (!ok) throw new Error(`admin route ${method} ${url} has no response schema in responses.ts`);
  return { [ok.status]: ok.schema, ...Object.fromEntries(ERRORS.map((s) => [s, ErrorBody])) };
}
