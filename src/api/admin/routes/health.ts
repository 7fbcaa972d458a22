import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { FerryError } from '../../../core/errors.js';
import { Permission as P, principalOf } from '../../auth/index.js';
import { typed, type AdminServices } from '../context.js';
import { VIEW_SCREENS } from '../services/savedViews.js';

const encodeCursor = (id: number): string => Buffer.from(`a:${id}`).toString('base64url');
function decodeCursor(c: string): number {
  const m = /^a:(\d+)$/.exec(Buffer.from(c, 'base64url').toString());
  if (!m) throw new FerryError('bad_request', `cursor "${c}" is not one this API gave out`);
  return Number(m[1]);
}

/**
 * The console's health overview, partners with their connection test and mapping completeness, a
 * SKU's availability, the audit trail by keyset page, and each user's saved views.
 */
export function healthRoutes(app: FastifyInstance, s: AdminServices): void {
  const api = typed(app);
  const read = { permission: P.read };
  api.get(
    '/overview',
    {
      schema: {
        tags: ['overview'],
        summary:
          'Health at a glance, quiet when healthy: flows × partners, service levels, lanes, breakers, webhooks, silent channels; every number with the list behind it (href)',
        querystring: z.object({
          windowMinutes: z.coerce.number().int().min(5).max(1440).default(60),
        }),
      },
      config: read,
    },
    (req) => s.overview.overview(req.query.windowMinutes),
  );
  api.get(
    '/partners/detail',
    {
      schema: {
        tags: ['partners'],
        summary:
          'Per partner connection: health, breaker, rate-limit bucket, webhooks, whether it can be tested, and what is used but unmapped (with the fix, fixable inline where the role may)',
      },
      config: read,
    },
    (req) => s.partnerDetails.list(principalOf(req).role),
  );
  api.post(
    '/partners/:name/test',
    {
      schema: {
        tags: ['partners'],
        summary: 'Test a partner connection now (a real, harmless call); audited as partner.test',
        params: z.object({ name: z.string().min(1) }),
      },
      config: { permission: P.partnersTest },
    },
    (req) => s.partnerDetails.test(req.params.name, principalOf(req).actor),
  );
  api.get(
    '/inventory/:sku',
    {
      schema: {
        tags: ['inventory'],
        summary:
          "A SKU's availability per channel and why (`ferry inventory explain`): last publication and its result, earlier ones, the value now where this process holds the stock, failing publications",
        params: z.object({ sku: z.string().min(1) }),
        querystring: z.object({ history: z.coerce.number().int().min(0).max(50).default(5) }),
      },
      config: read,
    },
    (req) => s.inventoryView.sku(req.params.sku, req.query.history),
  );
  api.get(
    '/audit/entries',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit trail, newest first, a keyset page at a time; changedSince for polling',
        querystring: z.object({
          actor: z.string().optional(),
          action: z.string().optional().describe('exact action, or a prefix ending in a dot'),
          targetKind: z.string().optional(),
          targetId: z.string().optional(),
          from: z.coerce.number().int().optional(),
          to: z.coerce.number().int().optional(),
          changedSince: z.coerce
            .number()
            .int()
            .optional()
            .describe('only entries written after this (epoch ms)'),
          cursor: z.string().optional().describe('nextCursor of the previous page'),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
      },
      config: { permission: P.auditRead },
    },
    async (req) => {
      const { cursor, limit, ...f } = req.query;
      const serverTime = s.clock.now();
      const beforeId = cursor === undefined ? undefined : decodeCursor(cursor);
      const page = await s.store.auditTrail.auditPage(f, {
        limit,
        ...(beforeId !== undefined ? { beforeId } : {}),
      });
      const last = page.items.at(-1);
      return {
        items: page.items,
        nextCursor: page.items.length === limit && last ? encodeCursor(last.id) : null,
        total: page.total,
        serverTime,
      };
    },
  );
  viewRoutes(app, s);
}

function viewRoutes(app: FastifyInstance, s: AdminServices): void {
  const api = typed(app);
  const tags = ['views'];
  // Every role may keep its own views: a view only narrows lists the role can already read.
  const read = { permission: P.read };
  api.get(
    '/views',
    {
      schema: {
        tags,
        summary: "The caller's saved views, of one screen or all",
        querystring: z.object({ screen: z.enum(VIEW_SCREENS).optional() }),
      },
      config: read,
    },
    (req) => s.views.list(principalOf(req).userId, req.query.screen),
  );
  api.post(
    '/views',
    {
      schema: {
        tags,
        summary: "Save the screen's filters under a name (the same name again replaces them)",
        body: z.object({
          screen: z.enum(VIEW_SCREENS),
          name: z.string().min(1).max(100),
          query: z.string().describe("the screen's query string, e.g. status=open&code=mapping_missing"),
        }),
      },
      config: read,
    },
    async (req, reply) => reply.status(201).send(await s.views.save(principalOf(req).userId, req.body)),
  );
  api.delete(
    '/views/:id',
    {
      schema: {
        tags,
        summary: 'Delete one of your saved views',
        params: z.object({ id: z.coerce.number().int().positive() }),
      },
      config: read,
    },
    (req) => s.views.remove(principalOf(req).userId, req.params.id),
  );
}
