/**
 * Customer look-ups per batch, counted by the simulator: customers Odoo already has, with their
 * addresses, are found in two searches for the whole batch (the parents by their match keys, then
 * their invoice and delivery contacts by parent id) and reused, not created again. One search for
 * both (contacts through `parent_id.email`/`parent_id.ref`) was tried and measured on real Odoo 18
 * with 200,000 partners: 3.2 s of PostgreSQL per batch against 0.69 s + 0.5 ms for the two, since
 * the contacts then need a second scan of the partners instead of the parent_id index.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { seedCustomer } from '../../sandbox/odoo/index.js';
import { createOdooClient } from './index.js';
import { order, rig, type Rig } from '../../test-helpers/odooFixtures.js';

let r: Rig | undefined;
afterEach(async () => {
  await r?.stop();
  r = undefined;
});

const m2o = (v: unknown) => (Array.isArray(v) ? v[0] : v);

/** A second client on the rig's Odoo, as another Ferry process would have: nothing cached. */
const otherProcess = (x: Rig) =>
  createOdooClient({
    url: x.sim.url,
    db: 'ferry',
    login: 'admin',
    apiKey: 'sim-admin-key',
    taxes: [{ title: 'Tax 15%', odooTaxId: x.sim.core.db.settings.defaultSaleTaxIds[0]! }],
  });

const customer = (n: number, street = `${n} Billing Rd`) => ({
  channelCustomerId: `C-${n}`,
  name: `Customer ${n}`,
  email: `customer${n}@example.test`,
  billingAddress: { name: `Customer ${n}`, street, city: 'Springfield', zip: '12345', countryCode: 'US' },
  shippingAddress: {
    name: `Customer ${n}`,
    street: `${n} Delivery Ln`,
    city: 'Springfield',
    zip: '12345',
    countryCode: 'US',
  },
});

describe.each([17, 19] as const)('customer look-ups on Odoo %i', (version) => {
  it('finds a batch of known customers and their addresses in two searches, creating nothing', async () => {
    r = await rig(version);
    const first = Array.from({ length: 10 }, (_, i) => order(i + 1, { customer: customer(i + 1) }));
    expect((await r.client.createAndConfirmOrders(first)).failed).toEqual([]);
    const parties = (ref: string) => {
      const so = r!.sim.core.db.where('sale.order', (o) => o.client_order_ref === ref)[0]!;
      return [m2o(so.partner_id), m2o(so.partner_invoice_id), m2o(so.partner_shipping_id)];
    };

    // Another process (nothing cached) books the same customers' next orders.
    const other = otherProcess(r);
    try {
      const searches = r.sim.callCount('res.partner', 'search_read');
      const creates = r.sim.callCount('res.partner', 'create');
      const next = Array.from({ length: 10 }, (_, i) =>
        order(i + 101, { customer: customer(i + 1), channel: 'shop' }),
      );
      expect((await other.createAndConfirmOrders(next)).failed).toEqual([]);
      expect(r.sim.callCount('res.partner', 'search_read') - searches).toBe(2);
      expect(r.sim.callCount('res.partner', 'create') - creates).toBe(0);
      for (let i = 0; i < 10; i++) expect(parties(`shop:O-${i + 101}`)).toEqual(parties(`shop:O-${i + 1}`));
    } finally {
      await other.close();
    }
  });

  it('keeps the customer and adds only the address that changed, with one create', async () => {
    r = await rig(version);
    expect((await r.client.createAndConfirmOrders([order(1, { customer: customer(1) })])).failed).toEqual([]);
    const other = otherProcess(r);
    try {
      const searches = r.sim.callCount('res.partner', 'search_read');
      const creates = r.sim.callCount('res.partner', 'create');
      const moved = order(2, { customer: customer(1, '9 New Billing Rd') });
      expect(
        (await other.createAndConfirmOrders([moved, order(3, { customer: customer(1) })])).failed,
      ).toEqual([]);
      expect(r.sim.callCount('res.partner', 'search_read') - searches).toBe(2);
      expect(r.sim.callCount('res.partner', 'create') - creates).toBe(1);
      const so = (ref: string) => r!.sim.core.db.where('sale.order', (o) => o.client_order_ref === ref)[0]!;
      expect(m2o(so('shop:O-2').partner_id)).toBe(m2o(so('shop:O-1').partner_id));
      expect(m2o(so('shop:O-2').partner_shipping_id)).toBe(m2o(so('shop:O-1').partner_shipping_id));
      expect(m2o(so('shop:O-3').partner_invoice_id)).toBe(m2o(so('shop:O-1').partner_invoice_id));
      const invoice = r.sim.core.db.get('res.partner', m2o(so('shop:O-2').partner_invoice_id) as number)!;
      expect(invoice).toMatchObject({ type: 'invoice', street: '9 New Billing Rd' });
      expect(m2o(invoice.parent_id)).toBe(m2o(so('shop:O-1').partner_id));
    } finally {
      await other.close();
    }
  });

  it('finds a customer by the address in its e-mail, whatever its case, with one `in` per match key', async () => {
    r = await rig(version, {}, { recordRequests: true });
    const ada = seedCustomer(r.sim.core, { name: 'Ada Lovelace', email: 'Ada Lovelace <ADA@Example.TEST>' });
    r.sim.requests.length = 0;
    const res = await r.client.createAndConfirmOrders([
      order(1, { customer: { channelCustomerId: 'C-1', name: 'Ada Lovelace', email: ' ada@example.test' } }),
      order(2, { customer: customer(2) }),
    ]);
    expect(res.failed).toEqual([]);
    const so = r.sim.core.db.where('sale.order', (o) => o.client_order_ref === 'shop:O-1')[0]!;
    expect(m2o(so.partner_id)).toBe(ada);
    const search = r.sim.requests
      .map((q) => q.body as { params?: { args?: unknown[] } } & Record<string, unknown>)
      .map((b) => (version === 19 ? b : (b.params?.args?.[6] as Record<string, unknown>)))
      .find((kw) => JSON.stringify(kw?.domain ?? []).includes('email_normalized'));
    expect(search?.domain).toEqual([
      ['parent_id', '=', false],
      '|',
      ['ref', 'in', ['shop:C-1', 'shop:C-2']],
      ['email_normalized', 'in', ['ada@example.test', 'customer2@example.test']],
    ]);
  });
});
