/**
 * Response schemas of the mapping, CSV and four-eyes approval routes, by `METHOD /path`;
 * responses.ts looks here too. Records are loose objects: the fields named are promised.
 */
import { z } from 'zod';

const Ms = z.number().int().describe('epoch ms');

const Mapping = z.looseObject({
  id: z.number().int(),
  kind: z.string(),
  scope: z.string(),
  key: z.string(),
  value: z.string().nullable().describe('null: this version removed the mapping'),
  version: z.number().int(),
  createdAt: Ms,
  createdBy: z.string(),
});

/** A change held for a second person. */
export const Approval = z.looseObject({
  id: z.number().int(),
  kind: z.string().describe('mappings or edit-replay'),
  target: z.string(),
  summary: z.string(),
  change: z.unknown().describe('exactly what approval applies'),
  status: z.enum(['pending', 'approved', 'rejected']),
  requestedBy: z.string(),
  requestedAt: Ms,
  decidedBy: z.string().nullable(),
  decidedAt: Ms.nullable(),
  reason: z.string().nullable(),
  mayDecide: z.boolean().describe('whether the caller may approve or reject it'),
  whyNot: z.string().nullable().describe('why the caller may not approve it'),
});

/** A mapping change: the new current version, or the approval it waits in under four-eyes. */
const Changed = z.union([Mapping, Approval]);

const RowError = z.object({
  row: z.number().int().describe('line in the file; the header is line 1'),
  column: z.string().nullable().describe('kind, scope, key or value; null for the whole row'),
  message: z.string(),
});
const ImportReport = z.object({
  dryRun: z.boolean(),
  rows: z.number().int(),
  changes: z.array(
    z.object({
      row: z.number().int(),
      kind: z.string(),
      scope: z.string(),
      key: z.string(),
      from: z.string().nullable(),
      fromVersion: z.number().int().nullable(),
      to: z.string().nullable().describe('null: removed'),
    }),
  ),
  unchanged: z.number().int(),
  errors: z.array(RowError).describe('every bad row at once'),
  applied: z.boolean(),
  pending: Approval.nullable(),
});

export const MAPPING_RESPONSES: Record<string, { status: number; schema: z.ZodType }> = {
  'GET /api/mappings/export.csv': { status: 200, schema: z.string().describe('text/csv') },
  'POST /api/mappings/import': { status: 200, schema: ImportReport },
  'GET /api/mappings/:kind/:scope': { status: 200, schema: z.array(Mapping) },
  'GET /api/mappings/:kind/:scope/:key/versions': { status: 200, schema: z.array(Mapping) },
  'GET /api/mappings/:kind/:scope/:key/diff': {
    status: 200,
    schema: z.looseObject({
      from: z.object({ version: z.number().int(), value: z.string().nullable() }),
      to: z.object({ version: z.number().int(), value: z.string().nullable() }),
      changes: z.array(z.object({ path: z.string(), from: z.unknown(), to: z.unknown() })),
    }),
  },
  'PUT /api/mappings/:kind/:scope/:key': { status: 200, schema: Changed },
  'DELETE /api/mappings/:kind/:scope/:key': { status: 200, schema: Changed },
  'POST /api/mappings/:kind/:scope/:key/rollback': { status: 200, schema: Changed },
  'GET /api/approvals': { status: 200, schema: z.array(Approval) },
  'GET /api/approvals/count': {
    status: 200,
    schema: z.object({ pending: z.number().int().describe('changes waiting for a second person') }),
  },
  'POST /api/approvals/decide': {
    status: 200,
    schema: z.object({
      results: z.array(
        z.union([
          z.object({ id: z.number().int(), ok: z.literal(true), approval: Approval }),
          z.object({
            id: z.number().int(),
            ok: z.literal(false),
            error: z.object({ code: z.string(), message: z.string() }).describe('why this one was not decided'),
          }),
        ]),
      ),
    }),
  },
  'GET /api/approvals/:id': { status: 200, schema: Approval },
  'POST /api/approvals/:id/approve': { status: 200, schema: Approval },
  'POST /api/approvals/:id/reject': { status: 200, schema: Approval },
};
