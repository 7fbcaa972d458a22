import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Permission as P, principalOf } from '../../auth/index.js';
import { typed, type AdminServices } from '../context.js';
import { matchedField } from '../services/searchView.js';

/** Universal search by any id, and one page per order. */
export function orderSearchRoutes(app: FastifyInstance, s: AdminServices): void {
  const api = typed(app);
  const tags = ['orders'];
  api.get(
    '/search',
    {
      schema: {
        tags,
        summary:
          'Orders by any id, exact or by prefix: channel order number or name, Ferry ref, Odoo name, warehouse order or EDI control number, shipment, tracking number',
        querystring: z.object({
          q: z.string().min(1).max(200),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          changedSince: z.coerce
            .number()
            .int()
            .optional()
            .describe('only matching orders changed after this (epoch ms), for polling'),
        }),
      },
      config: { permission: P.read },
    },
    async (req) => {
      const serverTime = s.clock.now();
      const { changedSince } = req.query;
      const typed = req.query.q.trim().toLowerCase();
      // Several ids of one order may index the same term (`#1001` and `1001`): the one written
      // as it was typed names what matched.
      const hits = (await s.store.orderSearch.searchOrders(req.query.q, req.query.limit))
        .map((h, i) => ({ h, i, asTyped: matchedField(h.source).value.toLowerCase() === typed }))
        .sort(
          (a, b) =>
            Number(b.h.exact) - Number(a.h.exact) || Number(b.asTyped) - Number(a.asTyped) || a.i - b.i,
        )
        .map((x) => x.h);
      const seen = new Set<number>();
      const results = [];
      for (const h of hits) {
        if (seen.has(h.orderId) || results.length >= req.query.limit) continue;
        seen.add(h.orderId);
        if (changedSince !== undefined && h.updatedAt <= changedSince) continue;
        results.push({
          id: h.orderId,
          ref: h.ref,
          state: h.state,
          exact: h.exact,
          updatedAt: h.updatedAt,
          matched: matchedField(h.source),
        });
      }
      return { results, serverTime };
    },
  );
  api.get(
    '/orders/:id',
    {
      schema: {
        tags,
        summary:
          "One order's page: lifecycle progress and what happens next, holds, open exceptions with their fix, the actions its state allows the caller, and its timeline with payloads",
        params: z.object({ id: z.string().min(1).describe("Ferry's order id or ref, or any system's id") }),
      },
      config: { permission: P.read, personal: true },
    },
    (req) => s.orderPages.page(req.params.id, principalOf(req).role),
  );
}
