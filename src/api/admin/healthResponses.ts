/**
 * Response schemas of the health overview, partners detail, inventory, audit pages and saved views
 * (issue 18), by `METHOD /path`; responses.ts looks here for routes it does not list. Records are
 * loose objects: the fields named are promised.
 */
import { z } from 'zod';

const Ms = z.number().int().describe('epoch ms');
const Figure = z.object({
  value: z.number().int(),
  href: z.string().describe('the list behind the number: a console path, or the admin API list'),
});
const Flow = z.looseObject({
  flow: z.string(),
  partner: z.string(),
  completed: Figure,
  failed: Figure,
  perHour: z.number(),
  failureRate: z.number().nullable(),
});
const ServiceLevel = z.looseObject({
  flow: z.string(),
  partner: z.string(),
  targetPct: z.number(),
  withinMinutes: z.number(),
  measured: Figure,
  met: z.number().int(),
  missed: Figure,
  actualPct: z.number().nullable(),
  breached: z.boolean(),
});
const Overview = z.looseObject({
  generatedAt: Ms,
  windowMinutes: z.number().int(),
  healthy: z.boolean().describe('nothing in attention'),
  attention: z.array(
    z.object({ kind: z.string(), subject: z.string(), message: z.string(), href: z.string() }),
  ),
  exceptions: z.object({
    open: Figure,
    byImpact: z.array(z.object({ impact: z.string(), open: Figure })),
  }),
  flows: z.array(Flow),
  serviceLevels: z.array(ServiceLevel),
  lanes: z.array(
    z.looseObject({
      lane: z.string(),
      depth: Figure,
      running: z.number().int(),
      oldestAgeMs: z.number(),
      paused: z.boolean(),
      overAge: z.boolean(),
    }),
  ),
  breakers: z.array(
    z.object({ partner: z.string(), state: z.string(), health: z.string(), href: z.string() }),
  ),
  webhooks: z.array(
    z.object({ source: z.string(), lastReceivedAt: Ms.nullable(), received: Figure, refused: Figure }),
  ),
  channels: z.array(
    z.object({
      channel: z.string(),
      lastOrderAt: Ms.nullable(),
      orders: Figure,
      quietMinutes: z.number().int().nullable(),
      thresholdMinutes: z.number().nullable(),
      silent: z.boolean(),
    }),
  ),
  alerts: z.array(z.looseObject({ rule: z.string(), subject: z.string(), message: z.string(), since: Ms })),
  series: z
    .object({ at: z.array(Ms), orders: z.array(z.number().int()) })
    .describe('orders stored per twelfth of the window'),
});
const Gap = z.object({
  kind: z.string(),
  scope: z.string(),
  key: z.string(),
  exceptions: Figure,
  blocking: z
    .boolean()
    .describe('work waits on it; false for an unmapped carrier, whose shipments went out with its code'),
  fix: z.string(),
  where: z.enum(['mapping', 'configuration']),
  fixable: z.boolean().describe("the caller's role may save this mapping inline"),
});
const PartnerDetail = z.looseObject({
  name: z.string(),
  health: z.string(),
  breaker: z.string(),
  lastSuccessAt: Ms.nullable(),
  lastFailureAt: Ms.nullable(),
  lastError: z.string().nullable(),
  buckets: z.array(
    z.object({
      name: z.string().describe('calls (Ferry pacing the partner), query cost (Shopify points)'),
      available: z.number(),
      capacity: z.number(),
      perSecond: z.number(),
    }),
  ),
  webhook: z.object({ lastReceivedAt: Ms.nullable(), received: Figure, refused: Figure }).nullable(),
  testable: z.boolean(),
  unmapped: z.array(Gap),
});
const Check = z.object({ name: z.string(), ok: z.boolean(), detail: z.string() });
const Explanation = z.array(z.string()).describe('as `ferry inventory explain` prints it');
const Availability = z.looseObject({
  channel: z.string(),
  shown: z.number().int().nullable(),
  now: z.object({ value: z.number().int(), decidedBy: z.string(), lines: Explanation }).nullable(),
  lastPublication: z
    .object({
      at: Ms,
      value: z.number().int(),
      was: z.number().int().nullable(),
      ruleVersion: z.string(),
      key: z.string(),
      result: z.literal('applied'),
      lines: Explanation,
    })
    .nullable(),
  history: z.array(
    z.object({ at: Ms, value: z.number().int(), was: z.number().int().nullable(), ruleVersion: z.string() }),
  ),
  failing: Figure,
});
const AuditEntry = z.looseObject({
  id: z.number().int(),
  at: Ms,
  actor: z.string(),
  action: z.string(),
  targetKind: z.string(),
  targetId: z.string(),
});
const View = z.object({
  id: z.number().int(),
  screen: z.string(),
  name: z.string(),
  query: z.string(),
  createdAt: Ms,
});

/** The success answer of each route. */
export const HEALTH_RESPONSES: Record<string, { status: number; schema: z.ZodType }> = {
  'GET /api/overview': { status: 200, schema: Overview },
  'GET /api/partners/detail': {
    status: 200,
    schema: z.object({
      partners: z.array(PartnerDetail),
      unmapped: z.array(Gap),
      truncated: z.boolean().describe('more open mapping exceptions than were read'),
    }),
  },
  'POST /api/partners/:name/test': {
    status: 200,
    schema: z.object({
      partner: z.string(),
      at: Ms,
      ok: z.boolean(),
      message: z.string(),
      checks: z.array(Check),
    }),
  },
  'GET /api/inventory/:sku': {
    status: 200,
    schema: z.object({ sku: z.string(), channels: z.array(Availability) }),
  },
  'GET /api/audit/entries': {
    status: 200,
    schema: z.object({
      items: z.array(AuditEntry),
      nextCursor: z.string().nullable(),
      total: z.number().int(),
      serverTime: Ms.describe('pass as changedSince on the next poll'),
    }),
  },
  'GET /api/views': { status: 200, schema: z.array(View) },
  'POST /api/views': { status: 201, schema: View },
  'DELETE /api/views/:id': { status: 200, schema: View },
};
