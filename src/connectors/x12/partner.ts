/**
 * Trading-partner configuration: who we are and who they are on the envelope, which delimiters and
 * version to write, and how long they have to acknowledge. Options → defaults → compiled once.
 */
import { z } from 'zod';
import { FerryError } from '../../core/errors.js';

const Party = z.object({
  /** ISA05/ISA07 qualifier: `01` DUNS, `08` UCC EDI, `12` phone, `14` DUNS+suffix, `ZZ` mutually defined. */
  qualifier: z.string().length(2),
  /** ISA06/ISA08, up to 15 characters (padded on the wire). */
  id: z.string().min(1).max(15),
  /** GS02/GS03 application code, 2 to 15 characters. */
  groupId: z.string().min(2).max(15),
});

const oneChar = z.string().length(1);

const Separators = z.object({
  element: oneChar.default('*'),
  segment: oneChar.default('~'),
  component: oneChar.default('>'),
  /** ISA11; 00401 writes the literal `U` there (PROTOCOLS.md §3.1). */
  repetition: oneChar.default('U'),
  /** Written after each terminator; '' for one line, '\n' for readable files. */
  lineSuffix: z.enum(['', '\n', '\r\n']).default(''),
});

/** Schema of a trading partner's configuration. */
export const TradingPartnerSchema = z
  .object({
    /** Ferry's id for the partner (`acme-3pl`); control numbers are kept per this id. */
    id: z.string().min(1),
    /** Canonical warehouse id this partner operates, stamped on shipments and positions. */
    warehouse: z.string().min(1),
    ours: Party,
    theirs: Party,
    /** ISA15: `T` test, `P` production. Default `T` so that a forgotten setting never ships live orders. */
    usage: z.enum(['T', 'P']).default('T'),
    /** ISA12, default `00401`. */
    version: z
      .string()
      .regex(/^\d{5}$/)
      .default('00401'),
    /** GS08, default `004010`. */
    groupVersion: z.string().min(1).max(12).default('004010'),
    /** ISA14: ask for a TA1. */
    ackRequested: z.boolean().default(false),
    separators: Separators.default({
      element: '*',
      segment: '~',
      component: '>',
      repetition: 'U',
      lineSuffix: '',
    }),
    /** How long the partner has to send a 997 for what we sent, in ms; default 24 h (a common SLA, §3.2). */
    ackDeadlineMs: z
      .number()
      .int()
      .positive()
      .default(24 * 60 * 60 * 1000),
  })
  .superRefine((p, ctx) => {
    const s = p.separators;
    const chars = [s.element, s.segment, s.component];
    if (new Set(chars).size !== chars.length || chars.some((c) => /[A-Za-z0-9 ]/.test(c))) {
      ctx.addIssue({
        code: 'custom',
        path: ['separators'],
        message: 'separators must be distinct non-alphanumeric characters',
      });
    }
  });

/** What an operator writes. */
export type TradingPartnerOptions = z.input<typeof TradingPartnerSchema>;
/** The compiled partner, defaults applied. */
export type TradingPartner = z.output<typeof TradingPartnerSchema>;

/** Validates options and applies defaults; throws `config_invalid` naming the bad fields. */
export function compilePartner(options: TradingPartnerOptions): TradingPartner {
  const result = TradingPartnerSchema.safeParse(options);
  if (!result.success) {
    const where = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new FerryError('config_invalid', `X12 trading partner invalid: ${where}`, {
      details: result.error.issues,
    });
  }
  return result.data;
}

/** GS01 functional identifier for each transaction set Ferry exchanges (PROTOCOLS.md §3.1). */
export const FUNCTIONAL_IDS = {
  '940': 'OW',
  '945': 'SW',
  '944': 'RE',
  '943': 'AR',
  '846': 'IB',
  '997': 'FA',
} as const;
export type SupportedSet = keyof typeof FUNCTIONAL_IDS;
