/**
 * Per-channel customer rules against the Odoo simulator: consumers on one shared partner, business
 * customers that must already exist, businesses found by VAT; a refused order leaves the rest of
 * its batch untouched.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { seedCustomer } from '../../sandbox/odoo/index.js';
import { order, rig, type Rig } from '../../test-helpers/odooFixtures.js';

let r: Rig | undefined;
afterEach(async () => {
  await r?.stop();
  r = undefined;
});

const consumer = (n: number) =>
  order(n, {
    customer: {
      channelCustomerId: `C-${n}`,
      name: `Consumer ${n}`,
      email: `c${n}@example.test`,
      shippingAddress: {
        name: `Consumer ${n}`,
        street: `${n} Main St`,
        city: 'Springfield',
        countryCode: 'US',
      },
    },
  });

const business = (n: number, vat?: string) =>
  order(n, {
    customer: {
      channelCustomerId: `B-${n}`,
      name: 'Grace Hopper',
      email: `buyer${n}@acme.test`,
      ...(vat ? { vat } : {}),
      isCompany: true,
      billingAddress: {
        name: 'Grace Hopper',
        company: 'Acme GmbH',
        street: 'Hauptstr. 1',
        city: 'Berlin',
        countryCode: 'DE',
      },
    },
  });

const partner = (x: Rig, id: unknown) => x.sim.core.db.where('res.partner', (p) => p.id === id)[0]!;
const saleOrder = (x: Rig, ref: string) =>
  x.sim.core.db.where('sale.order', (o) => o.client_order_ref === ref)[0]!;
const m2o = (v: unknown) => (Array.isArray(v) ? v[0] : v);

describe.each([17, 19] as const)('customer rules on Odoo %i', (version) => {
  it('books every consumer of a shared-b2c channel on the shared partner, each delivery address as its child', async () => {
    let shared = 0;
    r = await rig(version, (sim) => {
      shared = seedCustomer(sim.core, { name: 'Web shop customers', ref: 'WEB' });
      return { customerRules: { shop: { b2c: { sharedPartnerId: shared } } } };
    });
    const partnersBefore = r.sim.core.db.where('res.partner', (p) => !p.parent_id).length;
    const res = await r.client.createAndConfirmOrders([consumer(1), consumer(2)]);
    expect(res.failed).toEqual([]);
    for (const n of [1, 2]) {
      const so = saleOrder(r, `shop:O-${n}`);
      expect(m2o(so.partner_id)).toBe(shared);
      const delivery = partner(r, m2o(so.partner_shipping_id));
      expect(delivery).toMatchObject({ type: 'delivery', street: `${n} Main St` });
      expect(m2o(delivery.parent_id)).toBe(shared);
    }
    // no consumer became a customer of its own
    expect(r.sim.core.db.where('res.partner', (p) => !p.parent_id)).toHaveLength(partnersBefore);
  });

  it('keeps one delivery contact per person and flat under the shared partner, and finds it again', async () => {
    let shared = 0;
    r = await rig(version, (sim) => {
      shared = seedCustomer(sim.core, { name: 'Web shop customers', ref: 'WEB' });
      // no cache: every order goes through the search and match against Odoo
      return { customerRules: { shop: { b2c: { sharedPartnerId: shared } } }, customerCacheMs: 0 };
    });
    const at = (n: number, name: string, street2: string) =>
      order(n, {
        customer: {
          name,
          shippingAddress: { name, street: '5 Long Rd', street2, city: 'Leeds', countryCode: 'GB' },
        },
      });
    const first = await r.client.createAndConfirmOrders([
      at(1, 'Ann Lee', 'Flat 1'),
      at(2, 'Bo Chan', 'Flat 2'),
    ]);
    expect(first.failed).toEqual([]);
    await r.client.createAndConfirmOrders([at(3, 'ann lee ', 'flat 1'), at(4, 'Cy Dunn', 'Flat 2')]);
    const delivery = (n: number) => m2o(saleOrder(r!, `shop:O-${n}`).partner_shipping_id);
    expect(delivery(3)).toBe(delivery(1)); // the same person and flat, typed differently
    expect(new Set([delivery(1), delivery(2), delivery(4)]).size).toBe(3);
    const children = r.sim.core.db.where('res.partner', (p) => m2o(p.parent_id) === shared);
    expect(children.map((c) => c.name).sort()).toEqual(['Ann Lee', 'Bo Chan', 'Cy Dunn']);
  });

  it('two batches at once with the same new customer create it, and each of its addresses, once', async () => {
    r = await rig(version, {});
    const same = (n: number) => consumer(n);
    const twin = (n: number) => order(n, { customer: { ...same(1).customer } }); // same customer and address as order 1
    const [a, b] = await Promise.all([
      r.client.createAndConfirmOrders([same(1), consumer(2)]),
      r.client.createAndConfirmOrders([twin(3), consumer(4)]),
    ]);
    expect([...a.failed, ...b.failed]).toEqual([]);
    const parents = r.sim.core.db.where('res.partner', (p) => p.ref === 'shop:C-1' && !p.parent_id);
    expect(parents).toHaveLength(1);
    const deliveries = r.sim.core.db.where(
      'res.partner',
      (p) => m2o(p.parent_id) === parents[0]!.id && p.type === 'delivery',
    );
    expect(deliveries).toHaveLength(1);
    expect(m2o(saleOrder(r, 'shop:O-3').partner_shipping_id)).toBe(deliveries[0]!.id);
  });

  it('refuses an order from a business Odoo does not know when the channel says must-exist, and accepts it once the business exists', async () => {
    r = await rig(version, { customerRules: { shop: { b2b: 'must-exist' } } });
    const res = await r.client.createAndConfirmOrders([business(1, 'DE 123 456 789'), consumer(2)]);
    expect(res.ok.map((o) => o.channelRef)).toEqual(['shop:O-2']);
    expect(res.failed).toHaveLength(1);
    const err = res.failed[0]!.error;
    expect(err.code).toBe('rule_failed');
    expect(err.message).toContain('business customer "Acme GmbH"');
    expect(err.message).toContain('vat DE123456789');
    expect(err.message).not.toContain('buyer1@acme.test');
    expect(
      r.sim.core.db.where('res.partner', (p) => p.name === 'Grace Hopper' || p.name === 'Acme GmbH'),
    ).toEqual([]);

    const acme = seedCustomer(r.sim.core, { name: 'Acme GmbH', vat: 'DE123456789' });
    const again = await r.client.createAndConfirmOrders([business(1, 'DE 123 456 789')]);
    expect(again.failed).toEqual([]);
    expect(m2o(saleOrder(r, 'shop:O-1').partner_id)).toBe(acme);
  });

  it('finds a business by VAT before email and creates a new one as a company under find-or-create', async () => {
    r = await rig(version, {});
    const acme = seedCustomer(r.sim.core, { name: 'Acme GmbH', vat: 'DE999', email: 'other@acme.test' });
    const res = await r.client.createAndConfirmOrders([business(1, 'DE999'), business(2, 'FR111')]);
    expect(res.failed).toEqual([]);
    expect(m2o(saleOrder(r, 'shop:O-1').partner_id)).toBe(acme);
    const created = partner(r, m2o(saleOrder(r, 'shop:O-2').partner_id));
    expect(created).toMatchObject({ vat: 'FR111', is_company: true });
  });

  it('a single order from an unknown business under must-exist is refused with the same message', async () => {
    r = await rig(version, { customerRules: { shop: { b2b: 'must-exist' } } });
    await expect(r.client.createAndConfirmOrder(business(3, 'NL42'))).rejects.toMatchObject({
      code: 'rule_failed',
      message: expect.stringContaining('is not in Odoo'),
    });
  });
});
