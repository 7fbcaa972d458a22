import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { FerryError, IMPACTS } from '../../../core/errors.js';
import type { ExceptionFilter } from '../../../store/index.js';
import { FINANCE_IMPACT, Permission as P, holds, principalOf } from '../../auth/index.js';
import { typed, type AdminServices } from '../context.js';
import { ERROR_CLASS_NAMES } from '../services/errorClass.js';
import { QUEUE_STATUSES } from '../services/exceptionQueue.js';

const Id = z.object({ id: z.coerce.number().int().positive() });
export const Filter = z.object({
  code: z.string().optional(),
  lane: z.string().optional(),
  task: z.string().optional(),
  partner: z.string().optional(),
  impact: z.enum(IMPACTS).optional(),
  /** Only exceptions at least this old. */
  minAgeMs: z.coerce.number().int().min(0).optional(),
  /** Only exceptions at most this old. */
  maxAgeMs: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).optional(),
});
export const ACT = [P.exceptionsAct, P.exceptionsActFinance];

/** The queue's query: the filters above, plus tab, error class, assignee, text, cursor, polling. */
export const QueueQuery = Filter.extend({
  status: z.enum(QUEUE_STATUSES).default('open'),
  errorClass: z.enum(ERROR_CLASS_NAMES).optional(),
  assignee: z.string().optional().describe('a user id, me, or none (unassigned)'),
  channel: z
    .string()
    .optional()
    .describe(
      'exactly this channel: of the order the exception’s job works on (the overview’s flow partner)',
    ),
  q: z.string().optional().describe('exact exception id, or text in the message or the ids and values'),
  cursor: z.string().optional().describe('nextCursor of the previous page'),
  changedSince: z.coerce.number().int().optional().describe('only exceptions changed after this (epoch ms)'),
});

export function toFilter(f: z.infer<typeof Filter>, now: number): Omit<ExceptionFilter, 'status'> {
  return {
    ...(f.code ? { code: f.code } : {}),
    ...(f.lane ? { lane: f.lane } : {}),
    ...(f.task ? { task: f.task } : {}),
    ...(f.partner ? { partner: f.partner } : {}),
    ...(f.impact ? { impact: f.impact } : {}),
    ...(f.minAgeMs !== undefined ? { to: now - f.minAgeMs } : {}),
    ...(f.maxAgeMs !== undefined ? { from: now - f.maxAgeMs } : {}),
    ...(f.limit ? { limit: f.limit } : {}),
  };
}

/** Finance may act only on exceptions whose impact is finance. */
export async function checkScope(req: FastifyRequest, s: AdminServices, id: number): Promise<void> {
  if (holds(req, P.exceptionsAct)) return;
  const e = await s.exceptions.show(id);
  if (e.impact !== FINANCE_IMPACT)
    throw new FerryError(
      'forbidden',
      `role ${principalOf(req).role} may act only on ${FINANCE_IMPACT} exceptions; ${id} is ${e.impact}`,
    );
}

/** The exception queue: list, show, replay one or a filtered set, edit and replay, skip. */
export function exceptionRoutes(app: FastifyInstance, s: AdminServices): void {
  const api = typed(app);
  const tags = ['exceptions'];
  api.get(
    '/exceptions',
    {
      schema: {
        tags,
        summary:
          'The exception queue, newest first, a keyset page at a time: open (default) or resolved (replayed, skipped, resolved)',
        querystring: QueueQuery,
      },
      config: { permission: P.read, personal: true },
    },
    (req) => {
      const { cursor, limit, ...q } = req.query;
      return s.queue.page(q, { cursor, limit: limit ?? 50 }, principalOf(req).userId);
    },
  );
  api.get(
    '/exceptions/:id',
    {
      schema: { tags, summary: 'One exception: reason, payload, history, ids', params: Id },
      config: { permission: P.read, personal: true },
    },
    (req) => s.exceptions.show(req.params.id),
  );
  api.post(
    '/exceptions/:id/replay',
    {
      schema: { tags, summary: 'Replay one open exception', params: Id },
      config: { permission: ACT },
    },
    async (req) => {
      await checkScope(req, s, req.params.id);
      await s.exceptions.replay(req.params.id, principalOf(req).actor);
      return { replayed: [req.params.id] };
    },
  );
  api.post(
    '/exceptions/replay',
    {
      schema: {
        tags,
        summary: 'Replay every open exception matching a filter (at least one criterion)',
        body: Filter,
      },
      config: { permission: ACT },
    },
    async (req) => {
      const filter = toFilter(req.body, s.clock.now());
      if (!holds(req, P.exceptionsAct)) {
        if (filter.impact && filter.impact !== FINANCE_IMPACT)
          throw new FerryError(
            'forbidden',
            `role ${principalOf(req).role} may replay only ${FINANCE_IMPACT} exceptions`,
          );
        filter.impact = FINANCE_IMPACT;
      }
      if (Object.keys(filter).filter((k) => k !== 'limit').length === 0)
        throw new FerryError('bad_request', 'give at least one filter criterion to replay a set');
      return { replayed: await s.exceptions.replayMatching(filter, principalOf(req).actor) };
    },
  );
  api.post(
    '/exceptions/:id/edit-replay',
    {
      schema: {
        tags,
        summary:
          'Replace the payload and replay (before, after and diff audited); held for a second person where the profile asks for four eyes',
        params: Id,
        body: z.object({ payload: z.unknown() }),
      },
      config: { permission: ACT },
    },
    async (req) => {
      await checkScope(req, s, req.params.id);
      if (s.approvals.fourEyes.editReplay) {
        const p = principalOf(req);
        const who = { actor: p.actor, userId: p.userId, role: p.role };
        return { pending: await s.approvals.holdEditReplay(req.params.id, req.body.payload, who) };
      }
      await s.exceptions.editAndReplay(req.params.id, req.body.payload, principalOf(req).actor);
      return { replayed: [req.params.id] };
    },
  );
  api.post(
    '/exceptions/:id/skip',
    {
      schema: {
        tags,
        summary: 'Close without running again, with a reason',
        params: Id,
        body: z.object({ reason: z.string().min(1) }),
      },
      config: { permission: ACT },
    },
    async (req) => {
      await checkScope(req, s, req.params.id);
      await s.exceptions.skip(req.params.id, req.body.reason, principalOf(req).actor);
      return { skipped: req.params.id };
    },
  );
}
