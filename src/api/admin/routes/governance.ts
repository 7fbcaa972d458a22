import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { FerryError } from '../../../core/errors.js';
import { readAudit } from '../../../ops/audit/index.js';
import {
  FINANCE_MAPPING_KINDS,
  OPS_MAPPING_KINDS,
  Permission as P,
  ROLES,
  holds,
  principalOf,
} from '../../auth/index.js';
import { typed, type AdminServices } from '../context.js';
import { MAPPING_KINDS } from '../services/mappings.js';

const Ref = z.object({ kind: z.enum(MAPPING_KINDS), scope: z.string().min(1), key: z.string().min(1) });
const MAP_WRITE = [P.mappingsWrite, P.mappingsWriteFinance, P.mappingsWriteOps];

/** Mappings with versions, shadow mode, the audit trail, tokens and secrets. */
export function governanceRoutes(app: FastifyInstance, s: AdminServices): void {
  const api = typed(app);
  const tags = ['mappings'];
  const mayWrite = (req: Parameters<typeof holds>[0], kind: string): void => {
    if (holds(req, P.mappingsWrite)) return;
    const kinds = [
      ...(holds(req, P.mappingsWriteFinance) ? FINANCE_MAPPING_KINDS : []),
      ...(holds(req, P.mappingsWriteOps) ? OPS_MAPPING_KINDS : []),
    ];
    if (!kinds.includes(kind))
      throw new FerryError(
        'forbidden',
        `role ${principalOf(req).role} may not change ${kind} mappings (only ${kinds.join(', ')})`,
      );
  };
  api.get(
    '/mappings/:kind/:scope',
    {
      schema: { tags, summary: 'Current mappings of a kind in a scope', params: Ref.omit({ key: true }) },
      config: { permission: P.read },
    },
    (req) => s.mappings.list(req.params.kind, req.params.scope),
  );
  api.get(
    '/mappings/:kind/:scope/:key/versions',
    {
      schema: { tags, summary: 'Every version of one mapping', params: Ref },
      config: { permission: P.read },
    },
    (req) => s.mappings.history(req.params),
  );
  api.get(
    '/mappings/:kind/:scope/:key/diff',
    {
      schema: {
        tags,
        summary: 'What changed between two versions',
        params: Ref,
        querystring: z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) }),
      },
      config: { permission: P.read },
    },
    (req) => s.mappings.diff(req.params, req.query.from, req.query.to),
  );
  api.put(
    '/mappings/:kind/:scope/:key',
    {
      schema: {
        tags,
        summary: 'Create or change a mapping (a new version)',
        params: Ref,
        body: z.object({ value: z.string().min(1) }),
      },
      config: { permission: MAP_WRITE },
    },
    (req) => {
      mayWrite(req, req.params.kind);
      return s.mappings.set(req.params, req.body.value, principalOf(req).actor);
    },
  );
  api.delete(
    '/mappings/:kind/:scope/:key',
    {
      schema: { tags, summary: 'Remove a mapping (a version without value)', params: Ref },
      config: { permission: MAP_WRITE },
    },
    (req) => {
      mayWrite(req, req.params.kind);
      return s.mappings.set(req.params, null, principalOf(req).actor, 'mapping.remove');
    },
  );
  api.post(
    '/mappings/:kind/:scope/:key/rollback',
    {
      schema: {
        tags,
        summary: 'Make an earlier version current again (as a new version)',
        params: Ref,
        body: z.object({ version: z.number().int().min(1) }),
      },
      config: { permission: MAP_WRITE },
    },
    (req) => {
      mayWrite(req, req.params.kind);
      return s.mappings.rollback(req.params, req.body.version, principalOf(req).actor);
    },
  );
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
