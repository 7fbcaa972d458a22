import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { FerryError } from '../../../core/errors.js';
import { Permission as P } from '../../auth/index.js';
import { typed, type AdminServices } from '../context.js';

/** Reports: the daily completeness report. */
export function reportRoutes(app: FastifyInstance, s: AdminServices): void {
  typed(app).get(
    '/reports/completeness',
    {
      schema: {
        tags: ['reports'],
        summary:
          "Per channel and UTC day: orders the channel has vs Ferry's vs Odoo's vs shipped, with every order missing at a stage",
        querystring: z.object({
          date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a UTC day as YYYY-MM-DD'),
          channel: z.string().min(1).optional(),
        }),
      },
      config: { permission: P.read },
    },
    async (req) => {
      if (!s.completeness)
        throw new FerryError(
          'store_unreachable',
          'the completeness report is not available in this process',
          {
            retryable: true,
          },
        );
      return s.completeness(req.query.date, req.query.channel);
    },
  );
}
