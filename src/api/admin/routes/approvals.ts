import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Permission as P } from '../../auth/index.js';
import { typed, type AdminServices } from '../context.js';
import { ACT } from './exceptions.js';
import { MAP_WRITE, personOf } from './mappings.js';

const Id = z.object({ id: z.coerce.number().int().positive() });
/** Whoever may make some held change may be asked to decide; the change itself says whether they may. */
const DECIDE = [...MAP_WRITE, ...ACT];

/** Four-eyes: changes waiting for a second person, and their decisions. */
export function approvalRoutes(app: FastifyInstance, s: AdminServices): void {
  const api = typed(app);
  const tags = ['approvals'];
  api.get(
    '/approvals',
    {
      schema: {
        tags,
        summary: 'Changes waiting for a second person (oldest first), or decided ones (newest first)',
        querystring: z.object({
          status: z.enum(['pending', 'approved', 'rejected']).default('pending'),
          kind: z.enum(['mappings', 'edit-replay']).optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(200),
        }),
      },
      // An edit-and-replay holds a payload: personal data is redacted for roles without personal.read.
      config: { permission: P.read, personal: true },
    },
    (req) => s.approvals.list(req.query, personOf(req)),
  );
  api.get(
    '/approvals/count',
    {
      schema: { tags, summary: 'How many changes wait for a second person (the console’s badge)' },
      config: { permission: P.read },
    },
    () => s.approvals.pendingCount(),
  );
  api.post(
    '/approvals/decide',
    {
      schema: {
        tags,
        summary:
          'Approve or reject several held changes: each decided on its own (own transaction and audit entry, same four-eyes rules), each answering ok or why not',
        body: z.object({
          ids: z.array(z.number().int().positive()).min(1).max(200),
          decision: z.enum(['approve', 'reject']),
          reason: z.string().optional().describe('required to reject'),
        }),
      },
      config: { permission: DECIDE, personal: true },
    },
    async (req) => ({
      results: await s.approvals.decideMany(
        req.body.ids,
        req.body.decision,
        personOf(req),
        req.body.reason,
        (fields, message) => req.log.error(fields, message),
      ),
    }),
  );
  api.get(
    '/approvals/:id',
    {
      schema: { tags, summary: 'One held change, and whether the caller may decide it', params: Id },
      config: { permission: P.read, personal: true },
    },
    (req) => s.approvals.get(req.params.id, personOf(req)),
  );
  api.post(
    '/approvals/:id/approve',
    {
      schema: {
        tags,
        summary: 'Approve and apply a held change (never by the person who asked for it)',
        params: Id,
      },
      config: { permission: DECIDE, personal: true },
    },
    (req) => s.approvals.approve(req.params.id, personOf(req)),
  );
  api.post(
    '/approvals/:id/reject',
    {
      schema: {
        tags,
        summary: 'Reject a held change with a reason; nothing is applied',
        params: Id,
        body: z.object({ reason: z.string().min(1) }),
      },
      config: { permission: DECIDE, personal: true },
    },
    (req) => s.approvals.reject(req.params.id, personOf(req), req.body.reason),
  );
}
