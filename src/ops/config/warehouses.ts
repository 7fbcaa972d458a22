/** The `warehouses` section: X12 3PLs (envelope identities, folders) and JSON REST WMSs. */
import { z } from 'zod';
import { Id, SecretRef, Url } from './fields.js';

/** An X12 envelope party: ISA05/ISA06 (ours) or ISA07/ISA08 (theirs), and the GS02/GS03 code. */
const X12Party = z.strictObject({
  /** ISA qualifier: `ZZ` mutually defined, `01` DUNS, `08` UCC EDI, `12` phone, `14` DUNS+suffix. */
  qualifier: z.string().regex(/^[0-9A-Z]{2}$/, 'expected a 2-character ISA qualifier such as ZZ, 01 or 12'),
  /** ISA id as agreed with the partner, up to 15 characters (padded on the wire). */
  id: z
    .string()
    .min(1)
    .max(15, 'an ISA id has at most 15 characters')
    .regex(/^[\x20-\x7e]+$/, 'printable ASCII only')
    .refine((v) => !/[*~>]/.test(v), 'must not contain the separators * ~ >'),
  /** GS02/GS03 application code (2–15 characters); the ISA id when omitted. */
  groupId: z
    .string()
    .min(2, 'a GS application code has 2 to 15 characters')
    .max(15, 'a GS application code has 2 to 15 characters')
    .refine((v) => !/[*~>]/.test(v), 'must not contain the separators * ~ >')
    .optional(),
});

/** Relative, and never `.` or `..`: a folder of `../x` once had Ferry write 940s outside its root. */
const Folder = z
  .string()
  .min(1)
  .regex(/^[^/\\]+(\/[^/\\]+)*$/, 'a relative folder name such as outbound or edi/in')
  .refine(
    (v) => v.split('/').every((seg) => seg !== '.' && seg !== '..'),
    'a relative folder name such as outbound or edi/in',
  );

/**
 * EDI X12 trading-partner settings of a 3PL (PROTOCOLS.md §3.1): the envelope identities agreed
 * with it, the usage indicator, and the folder names under the endpoint.
 */
export const X12Settings = z.strictObject({
  /** Ferry (the distributor) on the envelope: ISA05/ISA06 and GS02. */
  ours: X12Party,
  /** The 3PL on the envelope: ISA07/ISA08 and GS03. */
  theirs: X12Party,
  /** ISA15: `T` test or `P` production. Default `T`, so a forgotten setting never ships live orders. */
  usage: z.enum(['T', 'P']).default('T'),
  /** N1*DE depositor written on 940s; code defaults to `ours.id`. */
  depositor: z.strictObject({ name: z.string().min(1), code: z.string().min(1).optional() }).optional(),
  /** Folders under the endpoint: `inbox` where the 3PL leaves files for Ferry, `outbox` where Ferry writes. */
  folders: z
    .strictObject({
      inbox: Folder.default('inbox'),
      outbox: Folder.default('outbox'),
      processed: Folder.default('processed'),
      error: Folder.default('error'),
    })
    .default({ inbox: 'inbox', outbox: 'outbox', processed: 'processed', error: 'error' }),
  /**
   * Minutes a dot-file (an upload still being written) may stay in the inbox before Ferry reports
   * it; it is never collected. Default 60.
   */
  staleUploadMinutes: z.number().int().min(1).default(60),
});

const WarehouseBase = {
  id: Id,
  odooWarehouse: z.string().min(1),
  /**
   * The Odoo company (res.company id) this warehouse ships for, and whose warehouse `odooWarehouse`
   * is; default odoo.company. Orders booked in a company are released only to its warehouses.
   */
  odooCompany: z.number().int().positive().optional(),
  locations: z.array(z.strictObject({ code: z.string().min(1), odooLocation: z.string().min(1) })).min(1),
  credentials: SecretRef.optional(),
  /** Minutes the warehouse has to acknowledge a release before it becomes an exception. Default 60. */
  ackDeadlineMinutes: z.number().int().min(1).default(60),
};

/** A 3PL over EDI X12: SFTP (`sftp://user@host:22/root`) or a local folder. */
export const X12Warehouse = z.strictObject({
  ...WarehouseBase,
  kind: z.literal('x12'),
  /** `sftp://user@host:port/root`, `file:///path` or a local folder path. */
  endpoint: z.string().min(1),
  x12: X12Settings,
});

/** A JSON REST WMS with signed webhooks. */
export const RestWarehouse = z.strictObject({
  ...WarehouseBase,
  kind: z.literal('wms-rest'),
  /** The WMS base URL. */
  endpoint: Url,
  webhookSecret: SecretRef.optional(),
});

export const Warehouse = z.discriminatedUnion('kind', [X12Warehouse, RestWarehouse], {
  error: 'expected kind x12 or wms-rest',
});
