import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeStores, waitFor } from '../../test-helpers/stores.js';
import type { Rec } from '../../sandbox/odoo/index.js';
import {
  fulfillments,
  odooPickings,
  placeOrder,
  startRig,
  waitForState,
  type Rig,
} from '../../test-helpers/warehouseRig.js';
import { storeDb } from '../../test-helpers/storeDb.js';

describeStores('a 3PL cancelling lines in its 945, and Ferry cancelling towards the 3PL', (fx) => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig(fx().location, ['x12-folder'], { defaultCarrier: 'UPSN' });
  }, 30_000);
  afterAll(async () => {
    await rig?.stop();
  });

  const threePl = () => rig.dist.threePl!;
  const shop = () => rig.dist.shops.get('shop-eu')!;
  const heldBy3pl = (ref: string) =>
    waitFor(() => threePl().orders.has(ref), `940 for ${ref} at the 3PL`, 30_000);
  /** Units per order SKU on the moves of an Odoo picking: done units, or those still to do. */
  const units = (picking: Rec, skus: readonly string[]) => {
    const db = rig.dist.odoo.core.db;
    const out: Record<string, number> = {};
    for (const m of db.where('stock.move', (x) => x.picking_id === picking.id)) {
      const sku = String(db.get('product.product', m.product_id as number)!.default_code);
      if (skus.includes(sku)) out[sku] = Number(picking.state === 'done' ? m.quantity : m.product_uom_qty);
    }
    return out;
  };
  const openFor = async (ref: string) =>
    (await rig.app.store.exceptions.listExceptions({ status: 'open' })).filter(
      (e) => e.entities.orderRef === ref,
    );

  it('945 with one line CC and one IC: Odoo done for what shipped, backorder cancelled, the rest held on Shopify; a duplicate 945 changes nothing', async () => {
    const o = await placeOrder(rig, 950001, 2);
    const [first, second] = o.items;
    await heldBy3pl(o.ref);
    const part = second!.quantity > 1 ? 1 : 0;
    const skus = o.items.map((i) => i.sku);
    const emitted = await threePl().ship(o.ref, {
      quantities: { [second!.sku]: part },
      cancel: { [second!.sku]: 'IC' },
    });
    expect(emitted.text).toContain(`W12*IC*${second!.quantity}*${part}*`);
    await waitFor(
      async () =>
        (
          await rig.app.store.orders.listOrderEvents((await rig.app.store.orders.getOrderByRef(o.ref))!.id)
        ).some((e) => e.type === 'rest_cancelled'),
      'rest settled',
      30_000,
    );
    const check = async () => {
      const [done, backorder, ...more] = odooPickings(rig, 'shop-eu:950001');
      expect(more).toEqual([]);
      expect([done!.state, backorder!.state, backorder!.backorder_id]).toEqual(['done', 'cancel', done!.id]);
      expect(units(done!, skus)).toEqual({
        [first!.sku]: first!.quantity,
        ...(part ? { [second!.sku]: part } : {}),
      });
      expect(units(backorder!, skus)).toEqual({ [second!.sku]: second!.quantity - part });
      const [f, ...moreF] = fulfillments(rig, o.id);
      expect(moreF).toEqual([]);
      expect(f!.trackingInfo.company).toBe('UPS');
      expect(f!.lines.reduce((n, l) => n + l.quantity, 0)).toBe(first!.quantity + part);
      const fos = shop().state.fulfillmentOrdersOf(o.id);
      expect(fos.map((fo) => fo.status)).toEqual(['ON_HOLD']);
      expect(fos[0]!.holds).toEqual([
        expect.objectContaining({
          reason: 'INVENTORY_OUT_OF_STOCK',
          reasonNotes: expect.stringContaining(`${second!.sku} item canceled (IC)`),
        }),
      ]);
      const row = (await rig.app.store.orders.getOrderByRef(o.ref))!;
      expect(row.state).toBe('shipped');
      const events = await rig.app.store.orders.listOrderEvents(row.id);
      expect(events.map((e) => [e.type, e.toState])).toEqual([
        ['received', 'received'],
        ['validated', 'validated'],
        ['accepted', 'accepted'],
        ['released', 'released'],
        ['shipped_partially', 'shipped_partially'],
        ['rest_cancelled', 'shipped'],
      ]);
      expect((await rig.app.store.releases.listReleases(o.ref)).map((r) => r.state)).toEqual(['cancelled']);
      expect(await rig.app.store.shipments.listShipments(o.ref)).toHaveLength(1);
      expect(
        await rig.app.store.warehouseEvents.listWarehouseEvents({
          warehouse: 'east-3pl',
          kind: 'channel-hold',
        }),
      ).toHaveLength(1);
      expect(await openFor(o.ref)).toEqual([]);
    };
    await check();

    // the same 945 again under a fresh ISA13 (a 3PL re-sending it), and once more as a file copy
    const resent = emitted.text
      .replace(/\*(\d{9})\*0\*T\*/, '*999999101*0*T*')
      .replace(/IEA\*1\*\d{9}/, 'IEA*1*999999101');
    const outbound = join(threePl().root, 'outbound');
    await writeFile(join(outbound, '945-resent.edi'), resent);
    await writeFile(join(outbound, '945-copy.edi'), emitted.text);
    await waitFor(async () => {
      const done = await readdir(join(threePl().root, 'ferry-processed'));
      return done.includes('945-resent.edi') && done.includes('945-copy.edi');
    }, 'repeats collected');
    await waitFor(
      async () =>
        (
          await storeDb(rig.app.store)
            .selectFrom('jobs')
            .select('id')
            .where('state', 'in', ['ready', 'running'])
            .where('lane', '=', 'shipments')
            .where('task', '!=', 'warehouse.collect')
            .execute()
        ).length === 0,
      'repeats processed',
    );
    await check();
  }, 90_000);

  it('a 945 cancelling one line (IC) while another follows (BP) keeps the backorder and raises it for a person', async () => {
    const o = await placeOrder(rig, 950002, 3);
    const [, follows, cancelled] = o.items;
    await heldBy3pl(o.ref);
    await threePl().ship(o.ref, {
      quantities: { [follows!.sku]: 0, [cancelled!.sku]: 0 },
      cancel: { [cancelled!.sku]: 'DS' },
    });
    await waitFor(async () => (await openFor(o.ref)).length > 0, 'exception', 30_000);
    const [exc] = await openFor(o.ref);
    expect(exc).toMatchObject({ code: 'rule_failed', impact: 'blocks-shipment' });
    expect(exc!.message).toContain(`cancelled ${cancelled!.sku} of order ${o.ref}`);
    expect(exc!.message).toContain(`out of stock (DS)`);
    expect(exc!.message).toContain(`while ${follows!.sku} still follows`);
    expect(odooPickings(rig, 'shop-eu:950002').map((p) => p.state)).toEqual([
      'done',
      expect.not.stringMatching(/done|cancel/),
    ]);
    expect((await rig.app.store.orders.getOrderByRef(o.ref))!.state).toBe('shipped_partially');
    expect(
      shop()
        .state.fulfillmentOrdersOf(o.id)
        .map((fo) => fo.status),
    ).not.toContain('ON_HOLD');
    expect((await rig.app.store.releases.listReleases(o.ref)).map((r) => r.state)).not.toContain('cancelled');
  }, 90_000);

  it('an order cancelled on Shopify after its 940 went out is cancelled at the 3PL by a 940 with W0501 F', async () => {
    const o = await placeOrder(rig, 950003, 1);
    await heldBy3pl(o.ref);
    await waitFor(
      async () => (await rig.app.store.releases.listReleases(o.ref))[0]?.state === 'acknowledged',
      'release acknowledged',
      20_000,
    );
    const report = await shop().webhooks!.send(shop().cancelOrder(950003));
    expect(report.delivered).toBe(true);
    await waitForState(rig, o.ref, 'cancelled');
    await waitFor(() => threePl().orders.get(o.ref)?.status === 'cancelled', '3PL cancelled the order');
    const [cancel] = (await rig.app.store.interchanges.listOutbound('east-3pl')).filter(
      (r) => r.purpose === `cancel:${o.ref}`,
    );
    expect(cancel!.sentAt).not.toBeNull();
    const archived = join(threePl().root, 'archive', `940-${cancel!.controlNumber}.edi`);
    await waitFor(
      async () =>
        (await readdir(join(threePl().root, 'archive'))).includes(`940-${cancel!.controlNumber}.edi`),
      'cancel archived by the 3PL',
    );
    const text = await readFile(archived, 'utf8');
    expect(text).toContain(`W05*F*${o.ref}~`);
    expect(text).toContain('N1*DE*Ferry Demo Distribution*');
    expect(text).not.toContain('LX*'); // a cancel names the order, not lines to ship
    const so = rig.dist.odoo.core.db.where('sale.order', (r) => r.client_order_ref === 'shop-eu:950003')[0];
    expect(so!.state).toBe('cancel');
    await expect(threePl().ship(o.ref)).rejects.toThrow(/cancelled/);
    // the 3PL's 997 for the cancel matches it, so no deadline alert follows
    await waitFor(
      async () =>
        (
          await storeDb(rig.app.store)
            .selectFrom('x12_ack_ledger')
            .select('ack_status')
            .where('interchange_control', '=', cancel!.controlNumber)
            .executeTakeFirst()
        )?.ack_status === 'A',
      '997 for the cancel',
    );
  }, 60_000);
});
