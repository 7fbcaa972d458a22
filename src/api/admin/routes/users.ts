import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Permission as P, ROLES, principalOf } from '../../auth/index.js';
import { typed, type AdminServices } from '../context.js';

const Id = z.object({ id: z.coerce.number().int().positive() });

/** Users (admin only): list, add, change role or disable, mint a token or a one-time sign-in link. */
export function userRoutes(app: FastifyInstance, s: AdminServices): void {
  const api = typed(app);
  const tags = ['users'];
  const config = { permission: P.usersManage };
  api.get(
    '/users',
    {
      schema: {
        tags,
        summary:
          'Every user with role and live token count; with changedSince, only those changed after it (added, role, disabled, a token minted, revoked or expired), for polling',
        querystring: z.object({
          changedSince: z.coerce
            .number()
            .int()
            .optional()
            .describe('only users changed after this (epoch ms)'),
        }),
      },
      config,
    },
    (req) => s.users.list(req.query.changedSince),
  );
  api.post(
    '/users',
    {
      schema: {
        tags,
        summary: 'Add a user',
        body: z.object({ name: z.string().min(1), role: z.enum(ROLES) }),
      },
      config,
    },
    async (req, reply) => reply.status(201).send(await s.users.add(req.body, principalOf(req).actor)),
  );
  api.patch(
    '/users/:id',
    {
      schema: {
        tags,
        summary: "Change a user's role, or disable it (its tokens and sessions stop working) or enable it",
        params: Id,
        body: z.object({ role: z.enum(ROLES).optional(), disabled: z.boolean().optional() }),
      },
      config,
    },
    (req) => s.users.update(req.params.id, req.body, principalOf(req).actor),
  );
  api.post(
    '/users/:id/tokens',
    {
      schema: {
        tags,
        summary: 'A new API token for the user (its value is in this answer only)',
        params: Id,
        body: z.object({ expiresInDays: z.number().positive().optional() }).default({}),
      },
      config,
    },
    async (req, reply) => {
      const u = await s.users.get({ id: req.params.id });
      const days = req.body.expiresInDays;
      const r = await s.users.token(
        u.name,
        principalOf(req).actor,
        days === undefined ? undefined : days * 86_400_000,
      );
      return reply.status(201).send(r);
    },
  );
  api.post(
    '/users/:id/link',
    {
      schema: {
        tags,
        summary: 'A one-time sign-in link for the user (valid 15 minutes, single use)',
        params: Id,
      },
      config,
    },
    async (req, reply) => {
      const u = await s.users.get({ id: req.params.id });
      return reply.status(201).send(await s.users.link(u.name, principalOf(req).actor));
    },
  );
}
