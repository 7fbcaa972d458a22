import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { FerryError } from '../../../core/errors.js';
import { Permission as P, mappingRefusal, principalOf } from '../../auth/index.js';
import type { Person } from '../services/approvals.js';
import { typed, type AdminServices } from '../context.js';
import { MAPPING_KINDS } from '../services/mappings.js';

const Ref = z.object({ kind: z.enum(MAPPING_KINDS), scope: z.string().min(1), key: z.string().min(1) });
/** Any of the mapping write permissions; which kinds each covers is checked per change. */
export const MAP_WRITE = [P.mappingsWrite, P.mappingsWriteFinance, P.mappingsWriteOps];

/** The caller as four-eyes and the audit trail know them. */
export function personOf(req: FastifyRequest): Person {
  const p = principalOf(req);
  return { actor: p.actor, userId: p.userId, role: p.role };
}

function mayWrite(req: FastifyRequest, kind: string): void {
  const refused = mappingRefusal(principalOf(req).role, kind);
  if (refused) throw new FerryError('forbidden', refused);
}

/**
 * Mappings and rules with versions, and as CSV. A change answers the new version, or, where the
 * profile asks for four eyes, the pending approval it waits in.
 */
export function mappingRoutes(app: FastifyInstance, s: AdminServices): void {
  const api = typed(app);
  const tags = ['mappings'];
  // A CSV import arrives as the file itself, not wrapped in JSON.
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  );
  api.get(
    '/mappings/export.csv',
    {
      schema: {
        tags,
        summary: 'Current mappings as CSV (kind, scope, key, value), of one kind and scope when given',
        querystring: z.object({
          kind: z.enum(MAPPING_KINDS).optional(),
          scope: z.string().min(1).optional(),
        }),
        produces: ['text/csv'],
      },
      config: { permission: P.read },
    },
    async (req, reply) => {
      const csv = await s.mappingCsv.export(req.query);
      const name = ['ferry-mappings', req.query.kind, req.query.scope].filter(Boolean).join('-');
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name.replace(/[^\w.-]/g, '_')}.csv"`)
        .send(csv);
    },
  );
  api.post(
    '/mappings/import',
    {
      schema: {
        tags,
        summary:
          'Import mappings from CSV (kind, scope, key, value; empty value removes). dryRun=true lists what would change and every bad row; with any bad row nothing is imported',
        querystring: z.object({ dryRun: z.enum(['true', 'false', '1', '0']).optional() }),
        body: z.string().describe('the CSV file, sent as text/csv'),
        consumes: ['text/csv'],
      },
      config: { permission: MAP_WRITE },
      // A whole catalogue's SKU mappings (some 300,000 rows of 50 bytes), past the 2 MiB default
      // that suits webhooks.
      bodyLimit: 16 * 1024 * 1024,
    },
    (req) => {
      const role = principalOf(req).role;
      return s.mappingCsv.import(
        req.body,
        { ...personOf(req), refusal: (kind) => mappingRefusal(role, kind) },
        { dryRun: req.query.dryRun === 'true' || req.query.dryRun === '1' },
      );
    },
  );
  api.get(
    '/mappings/:kind/:scope',
    {
      schema: {
        tags,
        summary:
          'Current mappings of a kind in a scope; with changedSince, the newest version of each changed after it (removals with value null), for polling',
        params: Ref.omit({ key: true }),
        querystring: z.object({
          changedSince: z.coerce
            .number()
            .int()
            .optional()
            .describe('only mappings changed after this (epoch ms)'),
        }),
      },
      config: { permission: P.read },
    },
    (req) => s.mappings.list(req.params.kind, req.params.scope, req.query.changedSince),
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
        summary: 'Create or change a mapping (a new version, or a pending approval under four-eyes)',
        params: Ref,
        body: z.object({ value: z.string().min(1) }),
      },
      config: { permission: MAP_WRITE },
    },
    (req) => {
      mayWrite(req, req.params.kind);
      return s.mappingChanges.set(req.params, req.body.value, personOf(req));
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
      return s.mappingChanges.set(req.params, null, personOf(req), 'mapping.remove');
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
      return s.mappingChanges.rollback(req.params, req.body.version, personOf(req));
    },
  );
}
