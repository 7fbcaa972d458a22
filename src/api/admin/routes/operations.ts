import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { JobState, InboxStatus } from '../../../store/index.js';
import { FerryError } from '../../../core/errors.js';
import { Permission as P, principalOf } from '../../auth/index.js';
import { typed, type AdminServices } from '../context.js';

const Lane = z.object({ name: z.string().min(1) });

/** Orders, jobs and lanes, partners and the inbox: what is happening, and the lane switches. */
export function operationRoutes(app: FastifyInstance, s: AdminServices): void {
  const api = typed(app);
  const read = { permission: P.read };
  api.get(
    '/orders',
    {
      schema: {
        tags: ['orders'],
        summary:
          "Find orders by any system's id (channel id or name, Odoo id or name, WMS reference, tracking number)",
        querystring: z
          .object({
            q: z.string().min(1).optional(),
            channel: z
              .string()
              .min(1)
              .optional()
              .describe('exactly this channel (never a prefix: shop is not shop-eu)'),
            createdFrom: z.coerce.number().int().optional().describe('created at or after (epoch ms)'),
            createdTo: z.coerce.number().int().optional().describe('created before (epoch ms)'),
            serviceLevel: z
              .enum(['measured', 'missed'])
              .optional()
              .describe("the order-intake service level's judged or missed orders, at asOf, within withinMs"),
            withinMs: z.coerce.number().int().min(0).optional(),
            asOf: z.coerce.number().int().optional().describe('when the service level was judged (epoch ms)'),
            limit: z.coerce.number().int().min(1).max(1000).default(100),
          })
          .refine((x) => x.q !== undefined || x.channel !== undefined, {
            message: 'q or channel is required',
          })
          .refine(
            (x) =>
              x.q === undefined ||
              (x.createdFrom === undefined && x.createdTo === undefined && x.serviceLevel === undefined),
            { message: 'createdFrom, createdTo and serviceLevel list a channel: they do not combine with q' },
          )
          .refine((x) => x.serviceLevel === undefined || (x.withinMs !== undefined && x.asOf !== undefined), {
            message: 'serviceLevel needs withinMs and asOf',
          }),
      },
      config: read,
    },
    async (req) => {
      const { q, channel, createdFrom, createdTo, serviceLevel, withinMs, asOf, limit } = req.query;
      // Found by id, then narrowed to exactly the channel (a ref's prefix is not its channel).
      if (q !== undefined)
        return (await s.orders.search(q)).filter((o) => channel === undefined || o.channel === channel);
      // The overview's channel and service-level figures link here: the list is the one they counted.
      return s.store.orders.listChannelOrders({
        channel: channel!,
        createdFrom,
        createdTo,
        serviceLevel:
          serviceLevel === undefined
            ? undefined
            : { outcome: serviceLevel, withinMs: withinMs!, asOf: asOf! },
        limit,
      });
    },
  );
  api.get(
    '/orders/:id/timeline',
    {
      schema: {
        tags: ['orders'],
        summary: "One order's states and events across systems",
        params: z.object({ id: z.coerce.number().int().positive() }),
      },
      config: read,
    },
    (req) => s.orders.timeline(req.params.id),
  );
  api.get(
    '/jobs',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Jobs, newest first',
        querystring: z.object({
          lane: z.string().optional(),
          state: z.enum(Object.values(JobState) as [JobState, ...JobState[]]).optional(),
          task: z.string().optional(),
          partner: z
            .string()
            .optional()
            .describe(
              "the channel of the order the job works on, else the partner it names ('' for neither): the overview's flow partner",
            ),
          completedFrom: z.coerce.number().int().optional().describe('completed at or after (epoch ms)'),
          completedTo: z.coerce.number().int().optional().describe('completed before (epoch ms)'),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
        }),
      },
      config: read,
    },
    (req) => {
      const { partner, completedFrom, completedTo, ...f } = req.query;
      // The overview's figures link here with these: the list is the one the figure counted.
      return partner !== undefined || completedFrom !== undefined || completedTo !== undefined
        ? s.store.health.flowJobs({ ...f, partner, completedFrom, completedTo })
        : s.store.jobs.listJobs(f);
    },
  );
  api.get(
    '/lanes',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Depth, oldest due job age, last-hour throughput and pause per lane',
      },
      config: read,
    },
    () => s.settings.lanes(),
  );
  for (const [verb, paused] of [
    ['pause', true],
    ['resume', false],
  ] as const)
    api.post(
      `/lanes/:name/${verb}`,
      {
        schema: {
          tags: ['jobs'],
          summary: `${verb === 'pause' ? 'Pause' : 'Resume'} a lane in every process`,
          params: Lane,
        },
        config: { permission: P.lanesAct },
      },
      async (req) => ({
        lane: req.params.name,
        paused,
        changed: await s.settings.setPaused(req.params.name, paused, principalOf(req).actor),
      }),
    );
  api.get(
    '/partners',
    {
      schema: {
        tags: ['partners'],
        summary: 'Health, breaker state, rate-limit headroom and last success per partner endpoint',
      },
      config: read,
    },
    () => s.partners().map((g) => g.status()),
  );
  const InboxQuery = z.object({
    source: z.string().optional(),
    kind: z.string().optional(),
    status: z.enum(Object.values(InboxStatus) as [InboxStatus, ...InboxStatus[]]).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  });
  api.get(
    '/inbox',
    {
      schema: {
        tags: ['inbox'],
        summary: 'Raw inbound messages with their processing outcome (bodies omitted)',
        querystring: InboxQuery,
      },
      config: read,
    },
    async (req) =>
      (await s.store.inbox.listInbox(req.query)).map(({ body, headers: _h, ...m }) => ({
        ...m,
        bytes: body.length,
      })),
  );
  api.get(
    '/inbox/:id',
    {
      schema: {
        tags: ['inbox'],
        summary: 'One raw message with its body',
        params: z.object({ id: z.coerce.number().int().positive() }),
      },
      config: read,
    },
    async (req) => {
      const [m] = await s.store.inbox.listInbox({ ids: [req.params.id] });
      if (!m) throw new FerryError('not_found', `inbox message ${req.params.id} does not exist`);
      return { ...m, body: m.body.toString('utf8') };
    },
  );
  api.get(
    '/alerts',
    {
      schema: { tags: ['alerts'], summary: 'Alerts firing now' },
      config: read,
    },
    () => s.alerts?.() ?? [],
  );
}
