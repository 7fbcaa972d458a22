/**
 * Which Odoo company an order books in, and what that company's orders use. One company's mapping
 * never serves another: Odoo refuses a sale order of company X with a product, pricelist, payment
 * term or journal of company Y ("Incompatible companies on records", `_check_company`), so Ferry
 * sends only what is configured for X and names the company when something is missing.
 */
import type { Order } from '../../../core/model.js';
import type { CompanyOptions, LineProducts, OdooConfig } from '../options.js';

type CompanyCfg = Pick<OdooConfig, 'company' | 'companies' | 'channelCompanies'>;

/** The Odoo company an order books in: its entity's, else the channel's, else the default. */
export function orderCompany(cfg: CompanyCfg, order: Pick<Order, 'entity' | 'channel'>): number {
  return (order.entity && cfg.companies[order.entity]) || cfg.channelCompanies[order.channel] || cfg.company;
}

/** The settings of one company, with where each is configured (for the error messages). */
export interface CompanyScope {
  company: number;
  pricelists: Record<string, number>;
  shippingProductId: number | undefined;
  discountProductId: number | undefined;
  lineProducts: LineProducts;
  paymentTerms: Record<string, number>;
  salesJournalId: number | undefined;
  /** The configuration path of a setting of this company (`odoo.pricelists`, `odoo.companies.2.pricelists`). */
  where(key: keyof CompanyOptions): string;
}

/**
 * The default company's settings are the top-level ones, overridden by its own entry in
 * `companySettings`; another company has only its entry.
 */
export function companyScope(cfg: OdooConfig, company: number): CompanyScope {
  const own: CompanyOptions = cfg.companySettings[company] ?? {};
  const base: CompanyOptions =
    company === cfg.company
      ? {
          pricelists: cfg.pricelists,
          ...(cfg.shippingProductId !== undefined ? { shippingProductId: cfg.shippingProductId } : {}),
          ...(cfg.discountProductId !== undefined ? { discountProductId: cfg.discountProductId } : {}),
          lineProducts: cfg.lineProducts,
          paymentTerms: cfg.paymentTerms,
          ...(cfg.salesJournalId !== undefined ? { salesJournalId: cfg.salesJournalId } : {}),
        }
      : {};
  const inOwn = (key: keyof CompanyOptions) => own[key] !== undefined;
  return {
    company,
    pricelists: { ...base.pricelists, ...own.pricelists },
    shippingProductId: own.shippingProductId ?? base.shippingProductId,
    discountProductId: own.discountProductId ?? base.discountProductId,
    lineProducts: { ...base.lineProducts, ...own.lineProducts },
    paymentTerms: { ...base.paymentTerms, ...own.paymentTerms },
    salesJournalId: own.salesJournalId ?? base.salesJournalId,
    where: (key) =>
      company === cfg.company && !inOwn(key) ? `odoo.${key}` : `odoo.companies.${company}.${key}`,
  };
}
