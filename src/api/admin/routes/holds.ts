import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Permission as P, principalOf } from '../../auth/index.js';
import { typed, type AdminServices } from '../context.js';

const Body = z.object({ reason: z.string().min(1).max(500) });

/** Holds before release: a person holds or releases an order (audited). */
export function holdRoutes(app: FastifyInstance, s: AdminServices): void {
  const api = typed(app);
  api.post(
    '/orders/:id/hold',
    {
      schema: {
        tags: ['orders'],
        summary: 'Hold an order before release to the warehouse',
        params: z.object({ id: z.string().min(1) }),
        body: Body,
      },
      config: { permission: P.exceptionsAct },
    },
    (req) => s.holds.hold(req.params.id, req.body.reason, principalOf(req).actor),
  );
  api.post(
    '/orders/:id/release',
    {
      schema: {
        tags: ['orders'],
        summary: "End an order's holds; the warehouse release is asked again",
        params: z.object({ id: z.string().min(1) }),
        body: Body,
      },
      config: { permission: P.exceptionsAct },
    },
    (req) => s.holds.release(req.params.id, req.body.reason, principalOf(req).actor),
  );
}
