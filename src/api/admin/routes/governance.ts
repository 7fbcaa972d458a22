import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { FerryError } from '../../../core/errors.js';
import { readAudit } from '../../../ops/audit/index.js';
import { Permission as P, ROLES, principalOf } from '../../auth/index.js';
import { typed, type AdminServices } from '../context.js';

/** Shadow mode, the audit trail, tokens and secrets (mappings: routes/mappings.ts). */
export function governanceRoutes(app: FastifyInstance, s: AdminServices): void {
  const api = typed(app);
  api.get(
    '/shadow',
    {
      schema: { tags: ['shadow'], summary: 'Shadow mode settings per flow and channel' },
      config: { permission: P.read },
    },
    () => s.settings.shadow(),
  );
  api.put(
    '/shadow/:flow/:channel',
    {
      schema: {
        tags: ['shadow'],
        summary: 'Turn shadow mode on or off for a flow and channel (* = all channels)',
        params: z.object({ flow: z.string(), channel: z.string() }),
        body: z.object({ enabled: z.boolean() }),
      },
      config: { permission: P.shadowWrite },
    },
    async (req) => {
      await s.settings.setShadow(
        req.params.flow,
        req.params.channel,
        req.body.enabled,
        principalOf(req).actor,
      );
      return { flow: req.params.flow, channel: req.params.channel, enabled: req.body.enabled };
    },
  );
  api.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit trail, newest first',
        querystring: z.object({
          actor: z.string().optional().describe('exact actor, e.g. token:alice'),
          action: z
            .string()
            .optional()
            .describe('exact action (mapping.set), or a prefix ending in a dot (mapping.); no wildcards'),
          targetKind: z.string().optional(),
          targetId: z.string().optional(),
          from: z.coerce.number().int().optional(),
          to: z.coerce.number().int().optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
        }),
      },
      config: { permission: P.auditRead },
    },
    (req) => readAudit(s.store, req.query),
  );
  credentialRoutes(app, s);
}

function credentialRoutes(app: FastifyInstance, s: AdminServices): void {
  const api = typed(app);
  api.get(
    '/tokens',
    {
      schema: { tags: ['tokens'], summary: 'API tokens (never their values)' },
      config: { permission: P.tokensManage },
    },
    () => s.tokens.list(),
  );
  api.post(
    '/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Create a token; its value is in this answer only',
        body: z.object({
          name: z.string().min(1),
          role: z.enum(ROLES),
          expiresInDays: z.number().positive().optional(),
        }),
      },
      config: { permission: P.tokensManage },
    },
    async (req, reply) => {
      const r = await s.tokens.create(
        {
          name: req.body.name,
          role: req.body.role,
          expiresInMs: req.body.expiresInDays === undefined ? undefined : req.body.expiresInDays * 86_400_000,
        },
        principalOf(req).actor,
      );
      return reply.status(201).send(r);
    },
  );
  api.delete(
    '/tokens/:id',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Revoke a token',
        params: z.object({ id: z.coerce.number().int().positive() }),
      },
      config: { permission: P.tokensManage },
    },
    async (req) => {
      await s.tokens.revoke(req.params.id, principalOf(req).actor);
      return { revoked: req.params.id };
    },
  );
  const secrets = (): NonNullable<AdminServices['secrets']> => {
    if (!s.secrets)
      throw new FerryError('store_unreachable', 'no key ring is configured; secrets are unavailable');
    return s.secrets;
  };
  api.get(
    '/secrets',
    {
      schema: { tags: ['secrets'], summary: 'Secret names, versions and key ids (never values)' },
      config: { permission: P.secretsManage },
    },
    () => secrets().list(),
  );
  api.put(
    '/secrets/:name',
    {
      schema: {
        tags: ['secrets'],
        summary: 'Set a partner secret (encrypted at rest)',
        params: z.object({ name: z.string() }),
        body: z.object({ value: z.string().min(1) }),
      },
      config: { permission: P.secretsManage },
    },
    (req) => secrets().set(req.params.name, req.body.value, principalOf(req).actor),
  );
}
