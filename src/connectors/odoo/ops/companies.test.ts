import { describe, expect, it } from 'vitest';
import { compileOptions } from '../options.js';
import { companyScope, orderCompany } from './companies.js';

const cfg = compileOptions({
  url: 'https://erp.example.com',
  db: 'prod',
  login: 'bot',
  apiKey: 'k',
  company: 1,
  pricelists: { EUR: 3 },
  shippingProductId: 31,
  paymentTerms: { 'Net 30': 4 },
  salesJournalId: 8,
  channelCompanies: { 'shop-us': 2 },
  companies: { acme: 3 },
  companySettings: {
    1: { pricelists: { USD: 6 } },
    2: { pricelists: { USD: 5 }, salesJournalId: 21 },
  },
});

describe('company of an order, and what that company uses', () => {
  it("books an order in its entity's company, else its channel's, else the default", () => {
    expect(orderCompany(cfg, { channel: 'shop-us', entity: 'acme' })).toBe(3);
    expect(orderCompany(cfg, { channel: 'shop-us' })).toBe(2);
    expect(orderCompany(cfg, { channel: 'shop-eu' })).toBe(1);
  });

  it('gives the default company the top-level settings with its own entry over them', () => {
    const s = companyScope(cfg, 1);
    expect([s.pricelists, s.shippingProductId, s.paymentTerms, s.salesJournalId]).toEqual([
      { EUR: 3, USD: 6 },
      31,
      { 'Net 30': 4 },
      8,
    ]);
    expect([s.where('shippingProductId'), s.where('pricelists')]).toEqual([
      'odoo.shippingProductId',
      'odoo.companies.1.pricelists',
    ]);
  });

  it("gives another company only its own entry, never the default company's settings", () => {
    const s = companyScope(cfg, 2);
    expect([s.pricelists, s.shippingProductId, s.paymentTerms, s.salesJournalId]).toEqual([
      { USD: 5 },
      undefined,
      {},
      21,
    ]);
    expect(s.where('shippingProductId')).toBe('odoo.companies.2.shippingProductId');
    expect(companyScope(cfg, 9).pricelists).toEqual({});
  });
});
