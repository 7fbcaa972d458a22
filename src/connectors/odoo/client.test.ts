/** The whole operation set against the simulator, for each version's fields and protocol. */
import { afterEach, describe, expect, it } from 'vitest';
import type { OdooVersion } from '../../sandbox/odoo/index.js';
import { order, rig } from '../../test-helpers/odooFixtures.js';
import type { Rig } from '../../test-helpers/odooFixtures.js';

let r: Rig | undefined;
afterEach(async () => {
  await r?.stop();
  r = undefined;
});

describe.each([16, 17, 18, 19] as const)('Odoo %i', (version: OdooVersion) => {
  it('runs order → partial delivery with backorder → invoice → return → credit note → cancel', async () => {
    r = await rig(version);
    const { client, sim, products } = r;
    expect((await client.describe()).protocol).toBe(version >= 19 ? 'json2' : 'jsonrpc');

    const o = await client.createAndConfirmOrder(order(1));
    expect(o).toMatchObject({ channelRef: 'shop:O-1', created: true, state: 'sale' });
    const so = sim.core.db.get('sale.order', o.odooId);
    expect(so?.client_order_ref).toBe('shop:O-1');
    expect(so?.origin).toBe('#1001');

    const [pick] = await client.readPickings(o.odooId);
    expect(pick).toMatchObject({ kind: 'outgoing', state: 'assigned' });
    expect(pick?.moves).toHaveLength(5);
    // ship 1 of product 2 (ordered 2), everything else in full; backorder for the rest
    const lines = (pick?.moves ?? []).map((m) => ({
      productId: m.productId,
      quantity: m.productId === products[1] ? 1 : m.demand,
    }));
    const v = await client.validatePicking({
      pickingId: pick!.id,
      lines,
      trackingRef: 'TRK1',
      carrier: 'Standard delivery',
      backorder: 'create',
    });
    expect(v).toMatchObject({ state: 'done', alreadyDone: false });
    expect(v.backorderIds).toHaveLength(1);
    expect(sim.core.db.get('stock.picking', pick!.id)?.carrier_tracking_ref).toBe('TRK1');
    const again = await client.validatePicking({ pickingId: pick!.id, lines, backorder: 'create' });
    expect(again.alreadyDone).toBe(true);

    const stock = await client.readStock({ productIds: [products[1]!] });
    // 100 on hand - 1 shipped; the backorder reserves the remaining 1
    expect(stock[0]).toMatchObject({ onHand: 99, reserved: 1, free: 98, location: 'WH/Stock' });

    const inv = await client.invoiceOrder(o.odooId);
    expect(inv.nothingToInvoice).toBe(false);
    expect(inv.posted).toHaveLength(1);
    // 6 units × 12.50 = 75.00; tax rounded per line (Odoo's default): 4 × 1.88 + 3.75 = 11.27
    expect(inv.posted[0]).toMatchObject({ moveType: 'out_invoice', amountTotalMinor: 8627 });
    expect(inv.posted[0]!.name).toMatch(/^INV\/\d{4}\/\d{5}$/);
    const inv2 = await client.invoiceOrder(o.odooId);
    expect(inv2.nothingToInvoice).toBe(true);

    const ret = await client.returnPicking({
      pickingId: pick!.id,
      key: 'RMA-1',
      refund: true,
      lines: [{ productId: products[0]!, quantity: 1 }],
    });
    expect(ret).toMatchObject({ state: 'done', created: true });
    expect(
      (
        await client.returnPicking({
          pickingId: pick!.id,
          key: 'RMA-1',
          refund: true,
          lines: [{ productId: products[0]!, quantity: 1 }],
        })
      ).created,
    ).toBe(false);
    expect((await client.readStock({ productIds: [products[0]!] }))[0]?.onHand).toBe(100);

    const cn = await client.createCreditNote({
      invoiceId: inv.posted[0]!.id,
      key: 'RMA-1',
      reason: 'return',
      lines: [{ productId: products[0]!, quantity: 1 }],
    });
    expect(cn).toMatchObject({ state: 'posted', amountTotalMinor: 1438, created: true });
    expect(
      sim.core.orm.read(sim.core.env(2), 'account.move', [inv.posted[0]!.id], ['payment_state'])[0]
        ?.payment_state,
    ).toBe('partial');
    expect(
      (
        await client.createCreditNote({
          invoiceId: inv.posted[0]!.id,
          key: 'RMA-1',
          lines: [{ productId: products[0]!, quantity: 1 }],
        })
      ).created,
    ).toBe(false);

    await expect(client.cancelOrder(o.odooId)).rejects.toMatchObject({ code: 'rule_failed' });
    const o2 = await client.createAndConfirmOrder(order(2));
    const c = await client.cancelOrder(o2.odooId);
    expect(c.cancelledPickingIds).toHaveLength(1);
    expect(sim.core.db.get('sale.order', o2.odooId)?.state).toBe('cancel');
    expect((await client.cancelOrder(o2.odooId)).alreadyCancelled).toBe(true);
    expect((await client.readStock({ productIds: [products[0]!] }))[0]?.reserved).toBe(0);
  });

  it('cancels an open backorder once, giving back its reservation, and refuses a done picking', async () => {
    r = await rig(version);
    const { client, sim, products } = r;
    const o = await client.createAndConfirmOrder(order(3));
    const [pick] = await client.readPickings(o.odooId);
    // ship everything except product 2 (ordered 2): its 2 units go to a backorder
    const lines = pick!.moves.map((m) => ({
      productId: m.productId,
      quantity: m.productId === products[1] ? 0 : m.demand,
    }));
    const v = await client.validatePicking({
      pickingId: pick!.id,
      lines: lines.filter((l) => l.quantity > 0),
      backorder: 'create',
    });
    const [backorder] = v.backorderIds;
    expect((await client.readStock({ productIds: [products[1]!] }))[0]?.reserved).toBe(2);

    const c = await client.cancelPicking(backorder!);
    expect(c).toMatchObject({ pickingId: backorder, alreadyCancelled: false });
    expect(c.name).toMatch(/\/OUT\//);
    expect(sim.core.db.get('stock.picking', backorder!)?.state).toBe('cancel');
    expect((await client.readStock({ productIds: [products[1]!] }))[0]).toMatchObject({
      reserved: 0,
      onHand: 100,
    });
    expect(sim.core.db.get('sale.order', o.odooId)?.state).toBe('sale');
    expect((await client.cancelPicking(backorder!)).alreadyCancelled).toBe(true);
    await expect(client.cancelPicking(pick!.id)).rejects.toMatchObject({
      code: 'rule_failed',
      message: expect.stringContaining('needs a return'),
    });
  });

  it('posts balanced journal entries once per key and refuses unbalanced ones', async () => {
    r = await rig(version);
    const entry = {
      key: 'FEE-1',
      currency: 'USD',
      lines: [
        { account: '627000', debitMinor: 345 },
        { account: '101401', creditMinor: 345 },
      ],
    };
    const a = await r.client.postJournalEntry(entry);
    expect(a.created).toBe(true);
    expect(a.name).toMatch(/^MISC\//);
    expect((await r.client.postJournalEntry(entry)).moveId).toBe(a.moveId);
    await expect(
      r.client.postJournalEntry({ ...entry, key: 'FEE-2', lines: [{ account: '627000', debitMinor: 1 }] }),
    ).rejects.toMatchObject({ code: 'rule_failed' });
  });

  it('reads stock and order changes after a cursor', async () => {
    r = await rig(version);
    const first = await r.client.stockChangesSince(null);
    expect(first.items.length).toBe(5);
    const none = await r.client.stockChangesSince(first.cursor);
    expect(none.items).toHaveLength(0);
    await new Promise((res) => setTimeout(res, 1100)); // write_date has second precision
    const o = await r.client.createAndConfirmOrder(order(3));
    const after = await r.client.stockChangesSince(first.cursor);
    expect(after.items.map((p) => p.reserved).sort()).toEqual([1, 1, 1, 2, 2]);
    const orders = await r.client.orderChangesSince(null);
    expect(orders.items.map((x) => x.odooId)).toContain(o.odooId);
  });
});
