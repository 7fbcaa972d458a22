/**
 * The Odoo contract's order cases: a mapped tax beside an untaxed line, a fixed discount spread over
 * lines with a remainder cent, a business order with PO number and payment terms, an edit before
 * release, and a channel booked in a second company. Each sets up what it needs through the API (a tax, a payment term and a discount product
 * of the tag), books orders through a second client carrying those mapping options, and checks what
 * Odoo stored by reading it back. contract.test.ts runs them on every simulator profile and on a real
 * Odoo.
 */
import { expect } from 'vitest';
import { Order } from '../../../core/model.js';
import type { OdooClient } from '../client.js';
import { CHECK } from './contract.js';
import type { Step } from './contract.js';
import { clientWith, contractOrder, seedProducts } from './targets.js';
import type { ContractTarget } from './targets.js';

const TAX_TITLE = 'FERRY-CT 7.5%';
const COMPANY_B = 'FERRY-CT Company B';
const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });
const cents = (v: number) => Math.round(v * 100);

interface LineRow {
  id: number;
  product_id: [number, string];
  product_uom_qty: number;
  price_unit: number;
  discount: number;
  tax_id?: number[];
  tax_ids?: number[];
}

/** The steps over `target()`, with records tagged `tag`; `cases` is closed by the last step's caller via `teardown`. */
export function orderCaseSteps(
  target: () => ContractTarget,
  tag: string,
): { setup: () => Promise<void>; steps: Step[]; teardown: () => Promise<void> } {
  const sku = (n: number) => `${tag}-Q${n}`;
  const s: { tax?: number; term?: number; discountProduct?: number; cases?: OdooClient } = {};
  const taxField = async () =>
    (await target().client.connection.version()).major >= 19 ? 'tax_ids' : 'tax_id';

  const call = <T>(model: string, method: string, params: Record<string, unknown>) =>
    target().client.connection.call<T>(model, method, { ...params, context: CHECK });

  /**
   * One second company for every run (each res.company brings its own warehouse, sequences and
   * journals); creating it needs an administrator, as this suite's login is.
   */
  const ensureCompanyB = async (): Promise<number> => {
    const found = await call<{ id: number }[]>('res.company', 'search_read', {
      domain: [['name', '=', COMPANY_B]],
      fields: ['id'],
    });
    return (
      found[0]?.id ??
      (await call<number[]>('res.company', 'create', { vals_list: [{ name: COMPANY_B }] }))[0]!
    );
  };

  const setup = async () => {
    const t = target();
    await seedProducts(t.client, [sku(1), sku(2), sku(3)], 100);
    const [user] = await call<{ company_id: [number, string] }[]>('res.users', 'search_read', {
      domain: [['login', '=', t.options.login]],
      fields: ['company_id'],
      limit: 1,
    });
    const company = user!.company_id[0];
    // Odoo 16 requires a tax's country and a generic-chart company has no fiscal country to default it from.
    const [us] = await call<{ id: number }[]>('res.country', 'search_read', {
      domain: [['code', '=', 'US']],
      fields: ['id'],
    });
    [s.tax] = await call<number[]>('account.tax', 'create', {
      vals_list: [
        {
          name: `${TAX_TITLE} ${tag}`,
          amount: 7.5,
          amount_type: 'percent',
          type_tax_use: 'sale',
          company_id: company,
          country_id: us!.id,
        },
      ],
    });
    const terms = await call<{ id: number }[]>('account.payment.term', 'search_read', {
      domain: [['name', '=', '30 Days']],
      fields: ['id'],
      limit: 1,
    });
    s.term =
      terms[0]?.id ??
      (
        await call<number[]>('account.payment.term', 'create', { vals_list: [{ name: `${tag} 30 Days` }] })
      )[0];
    [s.discountProduct] = await call<number[]>('product.product', 'create', {
      vals_list: [
        {
          name: `${tag} discount`,
          default_code: `${tag}-DISC`,
          type: 'service',
          list_price: 0,
          taxes_id: [],
        },
      ],
    });
    s.cases = clientWith(t, {
      ...(t.options.timeoutMs ? { timeoutMs: t.options.timeoutMs } : {}),
      company,
      taxes: [{ title: TAX_TITLE, rate: '0.075', included: false, odooTaxId: s.tax! }],
      discountProductId: s.discountProduct!,
      paymentTerms: { 'Net 30': s.term! },
    });
  };

  /** The order's lines in creation order, with taxes under one name whatever the version calls them. */
  const lines = async (orderId: number) => {
    const field = await taxField();
    const [so] = await call<{ order_line: number[] }[]>('sale.order', 'read', {
      ids: [orderId],
      fields: ['order_line'],
    });
    const rows = await call<LineRow[]>('sale.order.line', 'read', {
      ids: so!.order_line,
      fields: ['product_id', 'product_uom_qty', 'price_unit', 'discount', field],
    });
    return rows
      .sort((a, b) => a.id - b.id)
      .map((r) => ({ ...r, taxes: [...((field === 'tax_ids' ? r.tax_ids : r.tax_id) ?? [])].sort() }));
  };
  const amounts = async (orderId: number) => {
    const [so] = await call<{ amount_untaxed: number; amount_tax: number; amount_total: number }[]>(
      'sale.order',
      'read',
      { ids: [orderId], fields: ['amount_untaxed', 'amount_tax', 'amount_total'] },
    );
    return [cents(so!.amount_untaxed), cents(so!.amount_tax), cents(so!.amount_total)];
  };

  const steps: Step[] = [];

  steps.push([
    'books a mapped channel tax on one line and no tax on the other, totals to the cent',
    async () => {
      const base = contractOrder(tag, 101, [
        [sku(1), 3],
        [sku(2), 2],
      ]);
      const order = Order.parse({
        ...base,
        lines: [
          { ...base.lines[0]!, taxes: [{ title: TAX_TITLE, rate: '0.075', amount: usd(281) }] },
          { ...base.lines[1]!, taxes: [] },
        ],
      });
      const o = await s.cases!.createAndConfirmOrder(order);
      expect(o.state).toBe('sale');
      expect((await lines(o.odooId)).map((l) => l.taxes)).toEqual([[s.tax], []]);
      // 3 × 12.50 = 37.50 at 7.5% = 2.8125 → 2.81; 2 × 12.50 = 25.00 untaxed.
      expect(await amounts(o.odooId)).toEqual([6250, 281, 6531]);
    },
  ]);

  steps.push([
    'books a fixed discount spread over lines with a remainder cent at the channel net to the cent',
    async () => {
      const base = contractOrder(tag, 102, [
        [sku(1), 3],
        [sku(2), 1],
        [sku(3), 2],
      ]);
      // 1.00 off the order, allocated 0.34 / 0.33 / 0.33; 0.34 off 3 × 333.33 is no 2-decimal percentage.
      const order = Order.parse({
        ...base,
        lines: [
          {
            ...base.lines[0]!,
            unitPrice: usd(33333),
            discount: usd(34),
            taxes: [{ title: TAX_TITLE, rate: '0.075', amount: usd(7497) }],
          },
          { ...base.lines[1]!, discount: usd(33) },
          { ...base.lines[2]!, discount: usd(33) },
        ],
      });
      const net = order.lines.reduce(
        (a, l) => a + l.unitPrice.amountMinor * l.quantity - l.discount.amountMinor,
        0,
      );
      expect(net).toBe(103_649);
      const o = await s.cases!.createAndConfirmOrder(order);
      const rows = await lines(o.odooId);
      expect(rows.map((l) => [l.product_id[0] === s.discountProduct, l.product_uom_qty, l.discount])).toEqual(
        [
          [false, 3, 0],
          [false, 1, 2.64],
          [false, 2, 1.32],
          [true, 1, 0],
        ],
      );
      expect(cents(rows[3]!.price_unit)).toBe(-34);
      // The discount line carries the taxes of the line it discounts.
      expect(rows[3]!.taxes).toEqual([s.tax]);
      expect((await amounts(o.odooId))[0]).toBe(net);
    },
  ]);

  steps.push([
    'books a business order on the company with its buyer, PO number and Net 30 terms',
    async () => {
      const base = contractOrder(tag, 103, [[sku(1), 2]]);
      const order = Order.parse({
        ...base,
        customer: {
          ...base.customer,
          channelCustomerId: `${tag}-B2B`,
          name: `${tag} Trading Co`,
          email: `buying-${tag.toLowerCase()}@example.invalid`,
          isCompany: true,
          contact: { name: `${tag} Buyer`, email: `buyer-${tag.toLowerCase()}@example.invalid` },
        },
        b2b: { companyId: `${tag}-C1`, poNumber: `${tag}-PO77`, paymentTerms: { name: 'Net 30' } },
      });
      const o = await s.cases!.createAndConfirmOrder(order);
      const [so] = await call<
        {
          partner_id: [number, string];
          client_order_ref: string;
          origin: string;
          payment_term_id: [number, string] | false;
        }[]
      >('sale.order', 'read', {
        ids: [o.odooId],
        fields: ['partner_id', 'client_order_ref', 'origin', 'payment_term_id'],
      });
      expect(so!.client_order_ref).toBe(`${tag}-PO77`);
      expect(so!.origin).toBe(`contract:${tag}-103`);
      expect(so!.payment_term_id && so!.payment_term_id[0]).toBe(s.term);
      const [partner] = await call<{ is_company: boolean; name: string }[]>('res.partner', 'read', {
        ids: [so!.partner_id[0]],
        fields: ['is_company', 'name'],
      });
      expect(partner).toMatchObject({ is_company: true, name: `${tag} Trading Co` });
      const buyers = await call<{ id: number }[]>('res.partner', 'search_read', {
        domain: [
          ['parent_id', '=', so!.partner_id[0]],
          ['type', '=', 'contact'],
          ['name', '=', `${tag} Buyer`],
        ],
        fields: ['id'],
      });
      expect(buyers).toHaveLength(1);
      // Found again by its reference, not booked twice.
      expect(await s.cases!.createAndConfirmOrder(order)).toMatchObject({ odooId: o.odooId, created: false });
    },
  ]);

  steps.push([
    'lowers an edited line and zeroes a removed one on the confirmed order before release',
    async () => {
      const order = contractOrder(tag, 104, [
        [sku(1), 3],
        [sku(2), 2],
      ]);
      const o = await s.cases!.createAndConfirmOrder(order);
      const edited = Order.parse({
        ...order,
        lines: [
          { ...order.lines[0]!, quantity: 1 },
          { ...order.lines[1]!, quantity: 0 },
        ],
      });
      expect(await s.cases!.updateOrderQuantities(o.odooId, edited)).toEqual({ changed: 2 });
      expect((await lines(o.odooId)).map((l) => l.product_uom_qty)).toEqual([1, 0]);
      expect((await amounts(o.odooId))[0]).toBe(1250);
      expect(await s.cases!.updateOrderQuantities(o.odooId, edited)).toEqual({ changed: 0 });
    },
  ]);

  steps.push([
    "books a channel's orders in a second company with that company's mapped tax, own product and pricelist",
    async () => {
      const t = target();
      const companyB = await ensureCompanyB();
      // A company without a chart of accounts has no tax group; a tax needs one (and a country).
      // Tax groups have a company from 17 on (16 refuses the field).
      const major = (await t.client.connection.version()).major;
      const [group] = await call<number[]>('account.tax.group', 'create', {
        vals_list: [{ name: `${tag} B`, ...(major >= 17 ? { company_id: companyB } : {}) }],
      });
      const [us] = await call<{ id: number }[]>('res.country', 'search_read', {
        domain: [['code', '=', 'US']],
        fields: ['id'],
      });
      const [taxB] = await call<number[]>('account.tax', 'create', {
        vals_list: [
          {
            name: `${TAX_TITLE} ${tag} B`,
            amount: 7.5,
            amount_type: 'percent',
            type_tax_use: 'sale',
            company_id: companyB,
            tax_group_id: group,
            country_id: us!.id,
          },
        ],
      });
      // Odoo 17 gives a new company a warehouse; 18 and 19 do not, and refuse its orders without one.
      const whB =
        (
          await call<{ id: number }[]>('stock.warehouse', 'search_read', {
            domain: [['company_id', '=', companyB]],
            fields: ['id'],
          })
        )[0]?.id ??
        (
          await call<number[]>('stock.warehouse', 'create', {
            vals_list: [{ name: COMPANY_B, code: 'FCTB', company_id: companyB }],
          })
        )[0]!;
      // Company B keeps its own product of the first SKU (the first one stays shared) and its own
      // pricelist: its order books on both, never on the shared product or another company's list.
      const [productB] = await call<number[]>('product.product', 'create', {
        vals_list: [
          {
            name: `${tag} Q1 (company B)`,
            default_code: sku(1),
            list_price: 12.5,
            company_id: companyB,
            taxes_id: [],
          },
        ],
      });
      const [currency] = await call<{ currency_id: [number, string] }[]>('res.company', 'read', {
        ids: [companyB],
        fields: ['currency_id'],
      });
      const [pricelistB] = await call<number[]>('product.pricelist', 'create', {
        vals_list: [{ name: `${tag} B list`, currency_id: currency!.currency_id[0], company_id: companyB }],
      });
      const two = clientWith(t, {
        ...(t.options.timeoutMs ? { timeoutMs: t.options.timeoutMs } : {}),
        channelCompanies: { 'contract-b': companyB },
        taxes: [
          { title: TAX_TITLE, odooTaxId: s.tax! },
          { title: TAX_TITLE, company: companyB, odooTaxId: taxB! },
        ],
        companySettings: { [companyB]: { pricelists: { USD: pricelistB! } } },
      });
      try {
        const base = contractOrder(`${tag}-B`, 105, [[sku(1), 2]]);
        const order = Order.parse({
          ...base,
          channel: 'contract-b',
          lines: [{ ...base.lines[0]!, taxes: [{ title: TAX_TITLE, rate: '0.075', amount: usd(188) }] }],
        });
        const o = await two.createAndConfirmOrder(order);
        expect(o.state).toBe('sale');
        const [so] = await call<
          { company_id: [number, string]; warehouse_id: [number, string]; pricelist_id: [number, string] }[]
        >('sale.order', 'read', { ids: [o.odooId], fields: ['company_id', 'warehouse_id', 'pricelist_id'] });
        expect([so!.company_id[0], so!.warehouse_id[0], so!.pricelist_id[0]]).toEqual([
          companyB,
          whB,
          pricelistB,
        ]);
        expect((await lines(o.odooId)).map((l) => [l.product_id[0], l.taxes])).toEqual([[productB, [taxB]]]);
        // 2 × 12.50 = 25.00 at 7.5% = 1.875 → 1.88.
        expect(await amounts(o.odooId)).toEqual([2500, 188, 2688]);
        // Company B keeps its books in its currency (read from Odoo) and has a pricelist in USD only:
        // an order in another currency is refused before anything reaches Odoo.
        const other = currency!.currency_id[1] === 'EUR' ? 'GBP' : 'EUR';
        const foreign = Order.parse(
          JSON.parse(
            JSON.stringify({ ...order, channelOrderId: `${tag}-B-${other}` }).replaceAll(
              '"currency":"USD"',
              `"currency":"${other}"`,
            ),
          ),
        );
        const refused = await two.createAndConfirmOrders([foreign]);
        expect(refused.failed.map((f) => [f.error.code, f.error.message])).toEqual([
          [
            'mapping_missing',
            `order contract-b:${tag}-B-${other} is in ${other}, but Odoo company ${companyB} keeps its books in ${currency!.currency_id[1]} and has no pricelist in ${other}; set odoo.companies.${companyB}.pricelists.${other} to a pricelist of company ${companyB} in ${other}, then replay`,
          ],
        ]);
        const sent = await call<unknown[]>('sale.order', 'search_read', {
          domain: [['client_order_ref', '=', `contract-b:${tag}-B-${other}`]],
          fields: ['id'],
        });
        expect(sent).toEqual([]);
      } finally {
        await two.close();
      }
    },
  ]);

  steps.push([
    "posts a second company's journal entry on its own journal and accounts, never the default company's of the same codes",
    async () => {
      const t = target();
      const major = (await t.client.connection.version()).major;
      const companyB = await ensureCompanyB();
      const [user] = await call<{ company_id: [number, string] }[]>('res.users', 'search_read', {
        domain: [['login', '=', t.options.login]],
        fields: ['company_id'],
        limit: 1,
      });
      const companyA = user!.company_id[0];
      // One journal and two accounts per company, kept across runs (codes are unique per company).
      const journalCode = 'FCTM';
      const journalB =
        (
          await call<{ id: number }[]>('account.journal', 'search_read', {
            domain: [
              ['code', '=', journalCode],
              ['company_id', '=', companyB],
            ],
            fields: ['id'],
          })
        )[0]?.id ??
        (
          await call<number[]>('account.journal', 'create', {
            vals_list: [
              { name: 'FERRY-CT B Misc', code: journalCode, type: 'general', company_id: companyB },
            ],
          })
        )[0]!;
      // Up to 17 an account has one company; from 18 `company_ids`, its code searched in the current company.
      const account = async (company: number, code: string, accountType: string): Promise<number> => {
        const own = major <= 17 ? ['company_id', '=', company] : ['company_ids', 'in', [company]];
        const found = await t.client.connection.call<{ id: number }[]>('account.account', 'search_read', {
          domain: [['code', '=', code], own],
          fields: ['id'],
          context: { ...CHECK, allowed_company_ids: [company] },
        });
        if (found[0]) return found[0].id;
        const where = major <= 17 ? { company_id: company } : { company_ids: [[6, 0, [company]]] };
        const [id] = await call<number[]>('account.account', 'create', {
          vals_list: [{ code, name: `FERRY-CT ${code} (${company})`, account_type: accountType, ...where }],
        });
        return id!;
      };
      const feesA = await account(companyA, 'FCT627', 'expense');
      const feesB = await account(companyB, 'FCT627', 'expense');
      const bankB = await account(companyB, 'FCT101', 'asset_current');
      await account(companyA, 'FCT101', 'asset_current');
      const je = await t.client.postJournalEntry({
        key: `${tag}-FEE-B`,
        currency: 'USD',
        company: companyB,
        journal: journalCode,
        lines: [
          { account: 'FCT627', label: 'channel fee', debitMinor: 345 },
          { account: 'FCT101', label: 'channel fee', creditMinor: 345 },
        ],
      });
      const [move] = await call<
        { company_id: [number, string]; journal_id: [number, string]; state: string }[]
      >('account.move', 'read', { ids: [je.moveId], fields: ['company_id', 'journal_id', 'state'] });
      expect([move!.company_id[0], move!.journal_id[0], move!.state]).toEqual([companyB, journalB, 'posted']);
      const items = await call<{ account_id: [number, string] }[]>('account.move.line', 'search_read', {
        domain: [['move_id', '=', je.moveId]],
        fields: ['account_id'],
      });
      expect(items.map((l) => l.account_id[0]).sort((x, y) => x - y)).toEqual(
        [feesB, bankB].sort((x, y) => x - y),
      );
      expect(items.some((l) => l.account_id[0] === feesA)).toBe(false);
    },
  ]);

  return { setup, steps, teardown: async () => s.cases?.close() };
}
