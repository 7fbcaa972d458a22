/**
 * Every (model, method, argument shape) Ferry's Odoo client sends — collected by running the whole
 * contract (with its order cases) and `verify --write` against each simulated version, with and without stock_delivery —
 * is either one real Odoo answered (shared/odoo-observed) or listed below as unverified, with why.
 * A new call shape fails this test until it is recorded against a real server or listed here.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { App, OdooVersion } from '../../sandbox/odoo/index.js';
import { contractSteps } from './test-helpers/contract.js';
import { orderCaseSteps } from './test-helpers/order-cases.js';
import { recordedShapes, requestShape } from './test-helpers/shapes.js';
import { simTarget } from './test-helpers/targets.js';
import type { ContractTarget } from './test-helpers/targets.js';
import { verifyConnection } from './verify.js';

const LIVE =
  'answered by real Odoo 17 (with and without stock_delivery) and 19 in the live contract suite and verify --write (2026-12-06); no recording kept';
const LIVE_RPC =
  'answered by real Odoo 17 (with and without stock_delivery) and 18 in the live contract suite and verify --write (2026-12-06); no recording kept';
const NO_DELIVERY =
  'without stock_delivery only: answered by real Odoo 17 (ferry17) in the live contract suite and verify --write (2026-12-06); no recording kept';
const NO_DELIVERY_19 =
  'without stock_delivery only: answered by real Odoo 19.0 (ferry19nd) in the live contract suite and verify --write (2026-12-06); no recording kept';
const ORDER_CASES =
  'order cases (edit before release; returns): answered by real Odoo 17, 18 and 19 in the live contract suite (2026-12-06); no recording kept';
const ODOO_16 =
  'Odoo 16 only (reverse_moves + refund_method; the immediate-transfer wizard, created with {} under its context): answered by real Odoo 16 (ferry16) in the live contract suite (2026-12-06); no recording kept';

/** Journal-entry accounts on 18 and 19: the account search with the entry's company current. */
const ACCOUNTS_18 =
  "journal entry (18+): answered by real Odoo 18.0-20250702 and 19.0 in the live contract case of a second company's journal entry (2026-12-06); no recording kept. Without `allowed_company_ids` the same search found no account of the second company by its code (its code is kept per company, `code_store`, and `_search_code` searches the current company's), as account/models/account_account.py of 18 says";
/**
 * The companies check: `ferry odoo verify --config` with a tax, pricelist, products, payment term,
 * sales journal and warehouses mapped for two companies, once right and once wrong (another
 * company's ids, an id that does not exist: left out of read's answer, not refused).
 */
const COMPANIES_LIVE =
  'companies check (start-up, verify --config): answered by real Odoo 17.0 and 18.0 over JSON-RPC and 19.0 over JSON-2 (2026-12-06); no recording kept';
/** verify --write's cleanup archives its product and customer. */
const CLEANUP_LIVE =
  "verify --write's cleanup (archive): answered by real Odoo 17.0 and 18.0 over JSON-RPC and 19.0 over JSON-2 (2026-12-06); no recording kept";
/**
 * Shapes the client sends that no recording in shared/odoo-observed covers, each with the reason
 * it is believed right. A real Odoo run of `npm run test:odoo-live` exercises them (the 16 ones on 16).
 */
const UNVERIFIED: Record<string, string> = {
  'web version_info':
    'POST with a JSON-RPC body answered by real Odoo 17, 18 and 19 (GET is refused: 400/415)',
  'jsonrpc res.country.search_read () {domain,fields} ctx{}': LIVE_RPC,
  'json2 res.country.search_read {domain,fields} ctx{}': LIVE,
  'jsonrpc res.company.search_read () {domain,fields} ctx{}': COMPANIES_LIVE,
  'jsonrpc account.journal.read (ids) {fields} ctx{}': COMPANIES_LIVE,
  'json2 account.journal.read {fields,ids} ctx{}': COMPANIES_LIVE,
  'jsonrpc account.payment.term.read (ids) {fields} ctx{}': COMPANIES_LIVE,
  'json2 account.payment.term.read {fields,ids} ctx{}': COMPANIES_LIVE,
  'jsonrpc account.tax.read (ids) {fields} ctx{}': COMPANIES_LIVE,
  'json2 account.tax.read {fields,ids} ctx{}': COMPANIES_LIVE,
  'jsonrpc product.pricelist.read (ids) {fields} ctx{}': COMPANIES_LIVE,
  'json2 product.pricelist.read {fields,ids} ctx{}': COMPANIES_LIVE,
  'jsonrpc product.product.read (ids) {fields} ctx{}': COMPANIES_LIVE,
  'json2 product.product.read {fields,ids} ctx{}': COMPANIES_LIVE,
  'jsonrpc stock.warehouse.read (ids) {fields} ctx{}': COMPANIES_LIVE,
  'json2 stock.warehouse.read {fields,ids} ctx{}': COMPANIES_LIVE,
  'json2 res.company.search_read {domain,fields} ctx{}': COMPANIES_LIVE,
  'json2 res.partner.search_read {domain,fields} ctx{}': LIVE,
  'jsonrpc product.product.write (ids, vals) {} ctx{}': CLEANUP_LIVE,
  'json2 product.product.write {ids,vals} ctx{}': CLEANUP_LIVE,
  'json2 res.partner.write {ids,vals} ctx{}': CLEANUP_LIVE,
  'jsonrpc res.partner.search () {domain} ctx{active_test}': LIVE_RPC,
  'json2 res.partner.search {domain} ctx{active_test}': LIVE,
  'json2 res.users.search_read {domain,fields,limit} ctx{}': 'Odoo 19 login by the bearer key: ' + LIVE,
  'jsonrpc account.move.search_count () {domain} ctx{}': LIVE_RPC,
  'json2 account.move.search_count {domain} ctx{}': LIVE,
  'jsonrpc account.move.create (vals[]) {} ctx{}': 'journal entry: ' + LIVE_RPC,
  'json2 account.move.create {vals_list} ctx{}': 'journal entry: ' + LIVE,
  // Journal entry accounts: up to 17 by `company_id` (no context); from 18 by `company_ids` with the
  // entry's company current, since the code is kept per company and searched in the current one.
  'jsonrpc account.account.search_read () {domain,fields} ctx{}': 'journal entry (16, 17): ' + LIVE_RPC,
  'jsonrpc account.account.search_read () {domain,fields} ctx{allowed_company_ids}': ACCOUNTS_18,
  'json2 account.account.search_read {domain,fields} ctx{allowed_company_ids}': ACCOUNTS_18,
  'jsonrpc sale.order.search_read () {domain,fields,limit,order} ctx{}': 'order change feed: ' + LIVE_RPC,
  'json2 sale.order.search_read {domain,fields,limit,order} ctx{}': 'order change feed: ' + LIVE,
  'jsonrpc stock.quant.search_read () {domain,fields,limit,order} ctx{}': 'stock change feed: ' + LIVE_RPC,
  'json2 stock.quant.search_read {domain,fields,limit,order} ctx{}': 'stock change feed: ' + LIVE,
  'jsonrpc stock.quant.search_read () {domain,fields} ctx{}': 'stock by location: ' + LIVE_RPC,
  'json2 stock.quant.search_read {domain,fields} ctx{}': 'stock by location: ' + LIVE,
  'jsonrpc stock.picking.action_cancel (ids) {} ctx{}': 'cancel a backorder: ' + LIVE_RPC,
  'json2 stock.picking.action_cancel {ids} ctx{}': 'cancel a backorder: ' + LIVE,
  'jsonrpc stock.picking.fields_get () {allfields,attributes} ctx{}':
    'the same request with the field list positional is recorded (calls-*.json); this keyword form: ' +
    LIVE_RPC,
  'json2 stock.picking.fields_get {allfields,attributes} ctx{}': LIVE,
  'jsonrpc mail.message.search_read () {domain,fields,limit} ctx{}': NO_DELIVERY,
  'json2 mail.message.search_read {domain,fields,limit} ctx{}': NO_DELIVERY_19,
  'jsonrpc stock.picking.message_post (ids) {body} ctx{}': NO_DELIVERY,
  'json2 stock.picking.message_post {body,ids} ctx{}': NO_DELIVERY_19,
  // write's values go positionally over JSON-RPC: sale.order(.line) name them `values` up to 18.
  'jsonrpc sale.order.write (ids, vals) {} ctx{}': ORDER_CASES,
  'json2 sale.order.write {ids,vals} ctx{}': ORDER_CASES,
  'jsonrpc sale.order.line.read (ids) {fields} ctx{}': ORDER_CASES,
  'json2 sale.order.line.read {fields,ids} ctx{}': ORDER_CASES,
  'jsonrpc stock.return.picking.write (ids, vals) {} ctx{}': ORDER_CASES,
  'jsonrpc account.move.reversal.reverse_moves (ids) {} ctx{active_id,active_ids,active_model}': ODOO_16,
  'jsonrpc stock.immediate.transfer.create (vals[]) {} ctx{button_validate_picking_ids,default_pick_ids,default_show_transfers}':
    ODOO_16,
  'jsonrpc stock.immediate.transfer.process (ids) {} ctx{button_validate_picking_ids,default_pick_ids,default_show_transfers}':
    ODOO_16,
};

let t: ContractTarget | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

async function shapesOf(version: OdooVersion, apps?: readonly App[]): Promise<Set<string>> {
  t = await simTarget(version, apps, true);
  const sim = t.sim!;
  // verify --write first, on a database without posted invoices: after the contract's, its safety
  // check would refuse to write and its writes (cleanup's archiving too) would go uncollected.
  const verified = await verifyConnection(
    { url: sim.url, db: 'contract', login: 'admin', apiKey: 'sim-admin-key' },
    { write: true, tag: `FERRY-VERIFY-INV` },
  );
  expect(verified.checks.filter((c) => !c.ok)).toEqual([]);
  const { setup, steps } = contractSteps(() => t!, `FERRY-INV-${version}`);
  const cases = orderCaseSteps(() => t!, `FERRY-INV-${version}`);
  await setup();
  await cases.setup();
  try {
    for (const [, run] of [...steps, ...cases.steps]) await run();
  } finally {
    await cases.teardown();
  }
  // The companies check with a mapping of every kind it reads (start-up runs it with the configuration's).
  const db = sim.core.db;
  const id = (model: string) => db.all(model)[0]!.id;
  const pricelist = db.insert('product.pricelist', { name: 'INV list', company_id: 1 }).id;
  await verifyConnection(
    {
      url: sim.url,
      db: 'contract',
      login: 'admin',
      apiKey: 'sim-admin-key',
      taxes: [{ title: 'T', odooTaxId: id('account.tax') }],
      pricelists: { USD: pricelist },
      shippingProductId: id('product.product'),
      paymentTerms: { 'Net 30': db.insert('account.payment.term', { name: 'INV 30', active: true }).id },
      salesJournalId: db.where('account.journal', (j) => j.type === 'sale')[0]!.id,
      warehouses: { wh: id('stock.warehouse') },
    },
    { sites: [{ id: 'wh', odooWarehouse: 'WH', company: 1 }] },
  );
  return new Set(
    sim.requests
      .map((r) => requestShape(r.path, r.body))
      .filter((s): s is string => s !== undefined && !s.includes('ferry_contract_check')),
  );
}

describe('the Odoo client sends only call shapes real Odoo answered, or listed as unverified', () => {
  const recorded = recordedShapes();
  const used = new Set<string>();
  it.each([
    [16, undefined],
    [16, ['sale', 'stock', 'account']],
    [17, undefined],
    [17, ['sale', 'stock', 'account']],
    [18, undefined],
    [19, undefined],
    [19, ['sale', 'stock', 'account']],
  ] as [OdooVersion, App[] | undefined][])(
    'Odoo %i (apps %j)',
    async (version, apps) => {
      const sent = await shapesOf(version, apps);
      for (const s of sent) used.add(s);
      const unbacked = [...sent].filter((s) => !recorded.has(s) && !(s in UNVERIFIED)).sort();
      expect(unbacked).toEqual([]);
    },
    120_000,
  );

  it('lists no unverified shape the client no longer sends', () => {
    expect(Object.keys(UNVERIFIED).filter((s) => !used.has(s))).toEqual([]);
  });
});
