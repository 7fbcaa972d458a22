/**
 * Connection and mapping options, compiled once into a frozen config with defaults (STYLE.md rule 5).
 */
import { systemClock } from '../../core/clock.js';
import type { Clock } from '../../core/clock.js';
import { FerryError } from '../../core/errors.js';
import type { CustomerRule } from './ops/customerRules.js';

export const Protocols = { jsonrpc: 'jsonrpc', json2: 'json2' } as const;
export type Protocol = (typeof Protocols)[keyof typeof Protocols];

export type CustomerMatchKey = 'ref' | 'email' | 'vat';

/**
 * Maps a channel's tax line (title, rate, inclusion), per channel and company, to an Odoo tax id.
 * The first rule that matches wins; an omitted field matches anything.
 */
export interface TaxRule {
  /** Only for orders of this channel. */
  channel?: string;
  /** For orders booked in this Odoo company (res.company id); default the default `company`. */
  company?: number;
  title?: string;
  /** Rate as a decimal string, as in the canonical model ("0.2"). */
  rate?: string;
  included?: boolean;
  odooTaxId: number;
}

/** product.product ids of service products per line kind. */
export type LineProducts = Partial<Record<'custom' | 'gift_card' | 'tip', number>>;

/**
 * What belongs to one Odoo company, for orders booked there: Odoo refuses a sale order of company X
 * with a pricelist, product, payment term or journal of company Y (`_check_company`).
 */
export interface CompanyOptions {
  /** Currency → product.pricelist id of this company. */
  pricelists?: Record<string, number>;
  /** product.product id (this company's or shared) of shipping lines. */
  shippingProductId?: number;
  /** product.product id (this company's or shared) of a discount's own line. */
  discountProductId?: number;
  /** Service products (this company's or shared) of custom items, gift cards and tips. */
  lineProducts?: LineProducts;
  /** Channel payment terms name → account.payment.term id (this company's or shared). */
  paymentTerms?: Record<string, number>;
  /** account.journal id (type sale, this company's) of invoices and credit notes; default Odoo's choice. */
  salesJournalId?: number;
}

export interface OdooOptions {
  /** Base URL, e.g. `https://erp.example.com`. */
  url: string;
  db: string;
  login: string;
  /** API key (preferred; required for JSON-2) or password. */
  apiKey?: string;
  password?: string;
  /** Major version; detected from `common.version` when absent. */
  version?: number;
  /** Forces a protocol; default JSON-2 from 19, JSON-RPC before. */
  protocol?: Protocol;
  /** Per-request timeout in ms; default 30 000 (Odoo's own retries can take ~30 s, ODOO.md §3). */
  timeoutMs?: number;
  /**
   * Added to `timeoutMs` per order a call creates or confirms, in ms; default 1000 (a batch of 20
   * gets 50 s: a busy 2-core Odoo took over 30 s to confirm 16 orders while others confirmed beside them).
   */
  timeoutPerRecordMs?: number;
  /** Concurrent requests on this connection; default 4 (Odoo is CPU-bound at ~4 orders/s on 2 cores, ODOO.md §7). */
  concurrency?: number;
  /** Default company id; default 1. Per-entity companies in `companies`. */
  company?: number;
  companies?: Record<string, number>;
  /** Channel warehouse code → Odoo stock.warehouse id. */
  warehouses?: Record<string, number>;
  /** Currency → product.pricelist id of the default company (others: `companySettings`). */
  pricelists?: Record<string, number>;
  taxes?: TaxRule[];
  /** product.product id used for shipping lines. */
  shippingProductId?: number;
  /** product.product id of the line a discount goes on when no 2-decimal percentage gives it exactly. */
  discountProductId?: number;
  /** Service products for lines that are not catalogue products (custom items, gift cards, tips). */
  lineProducts?: LineProducts;
  /** Per channel id, overriding `lineProducts`. */
  channelLineProducts?: Record<string, LineProducts>;
  /** Channel id → Odoo company (res.company id) its orders book in, when no entity names one. */
  channelCompanies?: Record<string, number>;
  /** Channel payment terms name ("Net 30") → account.payment.term id. */
  paymentTerms?: Record<string, number>;
  /** Order of keys used to find an existing customer; default ref, email, vat. */
  customerMatch?: CustomerMatchKey[];
  /** Consumer and business customer rules per channel id; a channel not named finds or creates. */
  customerRules?: Record<string, CustomerRule>;
  /** How long a resolved customer is reused, in ms; default 10 minutes. */
  customerCacheMs?: number;
  /** How often the product cache re-reads products changed since its last read (write_date), in ms; default 60 000. */
  productRefreshMs?: number;
  /** Journal code and account codes for journal entries are given per entry; this is the default journal code. */
  defaultJournal?: string;
  /** The default company's sales journal (account.journal id) for invoices and credit notes. */
  salesJournalId?: number;
  /**
   * Per Odoo company id: its pricelists, service products, payment terms and sales journal. The
   * top-level settings are the default company's; another company gets only what is named here.
   */
  companySettings?: Record<number, CompanyOptions>;
  /**
   * The default company's currency as configured; the companies check refuses an Odoo whose default
   * company keeps another. Ferry reads every company's currency from Odoo (res.company).
   */
  currency?: string;
  clock?: Clock;
}

export interface OdooConfig extends Required<
  Omit<
    OdooOptions,
    | 'apiKey'
    | 'password'
    | 'version'
    | 'protocol'
    | 'shippingProductId'
    | 'discountProductId'
    | 'salesJournalId'
    | 'currency'
  >
> {
  salesJournalId: number | undefined;
  currency: string | undefined;
  secret: string;
  usesApiKey: boolean;
  version: number | undefined;
  protocol: Protocol | undefined;
  shippingProductId: number | undefined;
  discountProductId: number | undefined;
}

export function compileOptions(o: OdooOptions): OdooConfig {
  const secret = o.apiKey ?? o.password;
  if (!o.url || !/^https?:\/\//.test(o.url))
    throw new FerryError('config_invalid', `Odoo url must be http(s)://…, got "${o.url}"`);
  if (!o.db) throw new FerryError('config_invalid', 'Odoo database name (db) is required');
  if (!o.login) throw new FerryError('config_invalid', 'Odoo login is required');
  if (!secret) throw new FerryError('config_invalid', 'Odoo apiKey or password is required');
  if (o.protocol === 'json2' && !o.apiKey)
    throw new FerryError('config_invalid', 'JSON-2 needs an API key, not a password');
  return Object.freeze({
    url: o.url.replace(/\/+$/, ''),
    db: o.db,
    login: o.login,
    secret,
    usesApiKey: o.apiKey !== undefined,
    version: o.version,
    protocol: o.protocol,
    timeoutMs: o.timeoutMs ?? 30_000,
    timeoutPerRecordMs: o.timeoutPerRecordMs ?? 1000,
    concurrency: Math.max(1, o.concurrency ?? 4),
    company: o.company ?? 1,
    companies: o.companies ?? {},
    warehouses: o.warehouses ?? {},
    pricelists: o.pricelists ?? {},
    taxes: o.taxes ?? [],
    shippingProductId: o.shippingProductId,
    discountProductId: o.discountProductId,
    lineProducts: o.lineProducts ?? {},
    channelLineProducts: o.channelLineProducts ?? {},
    channelCompanies: o.channelCompanies ?? {},
    paymentTerms: o.paymentTerms ?? {},
    customerMatch: o.customerMatch ?? (['ref', 'email', 'vat'] as CustomerMatchKey[]),
    customerRules: o.customerRules ?? {},
    customerCacheMs: o.customerCacheMs ?? 600_000,
    productRefreshMs: o.productRefreshMs ?? 60_000,
    defaultJournal: o.defaultJournal ?? 'MISC',
    salesJournalId: o.salesJournalId,
    companySettings: o.companySettings ?? {},
    currency: o.currency,
    clock: o.clock ?? systemClock,
  });
}
