import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { FerryError } from '../../../core/errors.js';
import { FINANCE_IMPACT, Permission as P, holds, principalOf } from '../../auth/index.js';
import { typed, type AdminServices } from '../context.js';
import { BULK_ACTIONS } from '../services/bulk.js';
import { ACT, QueueQuery, checkScope } from './exceptions.js';

const Id = z.object({ id: z.coerce.number().int().positive() });
const BulkFilter = QueueQuery.omit({ status: true, cursor: true, limit: true, changedSince: true });

/** The console's exception queue actions: assign, bulk replay or skip with progress, payload diffs. */
export function queueRoutes(app: FastifyInstance, s: AdminServices): void {
  const api = typed(app);
  const tags = ['exceptions'];
  api.post(
    '/exceptions/:id/assign',
    {
      schema: {
        tags,
        summary: 'Assign an exception to a user, or to nobody (null)',
        params: Id,
        body: z.object({ userId: z.number().int().positive().nullable() }),
      },
      config: { permission: ACT },
    },
    (req) => s.queue.assign(req.params.id, req.body.userId, principalOf(req).actor),
  );
  api.post(
    '/exceptions/bulk',
    {
      schema: {
        tags,
        summary:
          'Replay or skip a selection (ids) or every open exception matching a filter, server-side in chunks; follow it at /api/batches/:id',
        body: z.object({
          action: z.enum(BULK_ACTIONS),
          ids: z.array(z.number().int().positive()).min(1).optional(),
          filter: BulkFilter.optional(),
          reason: z.string().min(1),
        }),
      },
      config: { permission: ACT },
    },
    async (req, reply) => {
      const { action, ids, reason } = req.body;
      let filter =
        req.body.filter && s.queue.filterOf({ ...req.body.filter, status: 'open' }, principalOf(req).userId);
      if (!holds(req, P.exceptionsAct)) {
        // Finance acts on finance exceptions only: a filter is narrowed, a selection checked.
        if (filter) {
          if (filter.impact && filter.impact !== FINANCE_IMPACT)
            throw new FerryError(
              'forbidden',
              `role ${principalOf(req).role} may act only on ${FINANCE_IMPACT} exceptions`,
            );
          filter = { ...filter, impact: FINANCE_IMPACT };
        }
        for (const id of ids ?? []) await checkScope(req, s, id);
      }
      const r = await s.bulk.start({ action, reason, ids, filter }, principalOf(req).actor);
      return reply.status(202).send(r);
    },
  );
  api.get(
    '/batches/:id',
    {
      schema: { tags, summary: 'Progress of a bulk action: total, done, failed, status', params: Id },
      config: { permission: P.read },
    },
    (req) => s.bulk.get(req.params.id),
  );
  api.get(
    '/exceptions/:id/diff',
    {
      schema: {
        tags,
        summary:
          'Payload diff: against the exception parked before it for the same order and task (previous), or against the payload it was replayed with (edited)',
        params: Id,
        querystring: z.object({ against: z.enum(['previous', 'edited']).default('previous') }),
      },
      config: { permission: P.read, personal: true },
    },
    async (req) => s.queue.diff(await s.exceptions.show(req.params.id), req.query.against),
  );
  api.post(
    '/exceptions/:id/diff',
    {
      schema: {
        tags,
        summary: 'Preview: the parked payload against an edited one, before edit-and-replay',
        params: Id,
        body: z.object({ payload: z.unknown() }),
      },
      config: { permission: ACT, personal: true },
    },
    async (req) => s.queue.preview(await s.exceptions.show(req.params.id), req.body.payload),
  );
}
