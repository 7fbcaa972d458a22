import { readFile, readdir, writeFile } from 'node:fs/promises';
import { golden } from '../../connectors/x12/golden/golden.js';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeStores, waitFor } from '../../test-helpers/stores.js';
import { MappingService } from '../../api/admin/index.js';
import { systemClock } from '../../core/clock.js';
import {
  fulfillments,
  itemsOf,
  odooPickings,
  placeOrder,
  startRig,
  waitForState,
  type Rig,
} from '../../test-helpers/warehouseRig.js';
import { storeDb } from '../../test-helpers/storeDb.js';

describeStores('warehouse over EDI X12 (SFTP) end to end', (fx) => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig(fx().location, ['x12-sftp'], { defaultCarrier: 'UPSN' });
  }, 30_000);
  afterAll(async () => {
    await rig?.stop();
  });

  const threePl = () => rig.dist.threePl!;
  const heldBy3pl = (ref: string) =>
    waitFor(() => threePl().orders.has(ref), `940 for ${ref} at the 3PL`, 30_000);

  it('Shopify order → Odoo confirmed → 940 over SFTP → 945 → Odoo picking done with tracking → Shopify fulfillment with tracking', async () => {
    const o = await placeOrder(rig, 920001, 2);
    await heldBy3pl(o.ref);
    const sent = threePl().orders.get(o.ref)!.order;
    expect(sent.lines.map((l) => [l.sku, l.quantity])).toEqual(o.items.map((i) => [i.sku, i.quantity]));
    expect(sent.carrier?.scac).toBe('UPSN');
    // the envelope carries the identities of the warehouse's x12 settings (the distributor's config)
    // the 3PL holds the order once it has read the file; it moves it to archive/ just after
    const archivedEdi = async () => {
      const archived = await readdir(join(threePl().root, 'archive'));
      const texts = await Promise.all(
        archived.map((f) => readFile(join(threePl().root, 'archive', f), 'utf8')),
      );
      return texts.find((t) => t.includes(`W05*N*${o.ref}`));
    };
    await waitFor(async () => (await archivedEdi()) !== undefined, '940 archived by the 3PL');
    const edi = (await archivedEdi())!;
    expect(edi).toMatch(/^ISA\*00\*.{10}\*00\*.{10}\*12\*5035550100 {5}\*ZZ\*3PLID {10}\*/);
    expect(edi).toMatch(/\*U\*00401\*\d{9}\*0\*T\*>~/);
    expect(edi).toContain('GS*OW*DISTID*3PLID*');
    expect(edi).toContain('N1*DE*Ferry Demo Distribution*');
    // the 3PL's 997 comes back and marks the release acknowledged
    await waitFor(
      async () => (await rig.app.store.releases.listReleases(o.ref))[0]?.state === 'acknowledged',
      'release acknowledged',
      20_000,
    );
    expect((await rig.app.store.orders.getOrderByRef(o.ref))!.state).toBe('released');

    const emitted = await threePl().ship(o.ref);
    await waitForState(rig, o.ref, 'shipped');
    const [picking] = odooPickings(rig, 'shop-eu:920001');
    expect(picking!.state).toBe('done');
    const tracking = [...emitted.text.matchAll(/1ZSIM\d+/g)].map((m) => m[0]);
    expect(tracking.length).toBeGreaterThan(0);
    expect(picking!.carrier_tracking_ref).toBe(tracking.join(', '));
    const [f] = fulfillments(rig, o.id);
    expect(f!.trackingInfo).toMatchObject({ company: 'UPS', numbers: tracking });
    expect(f!.trackingInfo.urls?.[0]).toContain(tracking[0]);
    expect(f!.notifyCustomer).toBe(true);
    expect(f!.lines.reduce((s, l) => s + l.quantity, 0)).toBe(o.items.reduce((s, i) => s + i.quantity, 0));
    // Ferry sent a 997 for the 945 and the 3PL matched it to its interchange
    await waitFor(
      () =>
        threePl().acks.some(
          (a) => a.ack.functionalId === 'SW' && a.matchedInterchange === emitted.controlNumber,
        ),
      '997 for the 945',
    );
    const row = (await rig.app.store.orders.getOrderByRef(o.ref))!;
    expect((await rig.app.store.orders.listOrderEvents(row.id)).map((e) => e.type)).toEqual([
      'received',
      'validated',
      'accepted',
      'released',
      'shipped',
    ]);
  }, 60_000);

  it('a split shipment (two cartons with SSCC labels and tracking) fulfils once with both tracking numbers', async () => {
    const o = await placeOrder(rig, 920002, 2);
    await heldBy3pl(o.ref);
    await threePl().ship(o.ref, { cartons: 2 });
    await waitForState(rig, o.ref, 'shipped');
    const [s] = await rig.app.store.shipments.listShipments(o.ref);
    const notice = s!.notice as {
      shipment: { packages: { id: string; trackingNumber: string }[]; trackingNumbers: string[] };
    };
    expect(notice.shipment.packages).toHaveLength(2);
    expect(notice.shipment.packages.every((p) => /^\d{18}$/.test(p.id))).toBe(true);
    const fs = fulfillments(rig, o.id);
    expect(fs).toHaveLength(1);
    expect(fs[0]!.trackingInfo.numbers).toEqual(notice.shipment.trackingNumbers);
    expect(fs[0]!.trackingInfo.numbers).toHaveLength(2);
  }, 60_000);

  it('a short shipment leaves an Odoo backorder and a partial fulfilment; the rest later completes both', async () => {
    const o = await placeOrder(rig, 920003, 2);
    await heldBy3pl(o.ref);
    const first = o.items[0]!;
    await threePl().ship(o.ref, {
      quantities: { [first.sku]: first.quantity, [o.items[1]!.sku]: 0 },
      backorder: true,
    });
    await waitForState(rig, o.ref, 'shipped_partially');
    let pickings = odooPickings(rig, 'shop-eu:920003');
    expect(pickings.map((p) => p.state)).toEqual(['done', expect.not.stringMatching(/done|cancel/)]);
    expect(pickings[1]!.backorder_id).toBe(pickings[0]!.id);
    expect(fulfillments(rig, o.id)).toHaveLength(1);
    await threePl().ship(o.ref);
    await waitForState(rig, o.ref, 'shipped');
    pickings = odooPickings(rig, 'shop-eu:920003');
    expect(pickings.map((p) => p.state)).toEqual(['done', 'done']);
    const fs = fulfillments(rig, o.id);
    expect(fs).toHaveLength(2);
    const shop = rig.dist.shops.get('shop-eu')!;
    expect(shop.state.fulfillmentOrdersOf(o.id).every((fo) => fo.status === 'CLOSED')).toBe(true);
  }, 60_000);

  it('a duplicate 945 (same interchange twice, then re-sent under a new control number) is processed once', async () => {
    const o = await placeOrder(rig, 920004, 1);
    await heldBy3pl(o.ref);
    threePl().configure({ duplicates: true });
    const emitted = await threePl().ship(o.ref);
    threePl().configure({ duplicates: false });
    await waitForState(rig, o.ref, 'shipped');
    // the same 945 content again under a fresh ISA13: a different interchange, the same shipment id
    const resent = emitted.text
      .replace(/\*(\d{9})\*0\*T\*/, '*999999001*0*T*')
      .replace(/IEA\*1\*\d{9}/, 'IEA*1*999999001');
    await (
      await import('node:fs/promises')
    ).writeFile(join(threePl().root, 'outbound', '945-resent.edi'), resent);
    await waitFor(
      async () => (await readdir(join(threePl().root, 'ferry-processed'))).includes('945-resent.edi'),
      'resent file collected',
    );
    await new Promise((r) => setTimeout(r, 1500));
    expect(fulfillments(rig, o.id)).toHaveLength(1);
    expect(odooPickings(rig, 'shop-eu:920004').filter((p) => p.state === 'done')).toHaveLength(1);
    expect(await rig.app.store.shipments.listShipments(o.ref)).toHaveLength(1);
    const inbox = await storeDb(rig.app.store)
      .selectFrom('inbox')
      .select(['duplicate_count'])
      .where('source', '=', 'wms:east-3pl')
      .execute();
    expect(inbox.some((r) => Number(r.duplicate_count) >= 1)).toBe(true);
  }, 60_000);

  it('a malformed 945 gets a rejecting 997 and an exception; the good 945 next to it still ships', async () => {
    const bad = await placeOrder(rig, 920005, 1);
    const good = await placeOrder(rig, 920006, 1);
    await heldBy3pl(bad.ref);
    await heldBy3pl(good.ref);
    threePl().configure({ malformNext: 'se_count' });
    const badFile = await threePl().ship(bad.ref);
    await threePl().ship(good.ref);
    await waitForState(rig, good.ref, 'shipped');
    await waitFor(
      () =>
        threePl().acks.some((a) => a.matchedInterchange === badFile.controlNumber && a.ack.status === 'R'),
      'rejecting 997',
    );
    await waitFor(
      async () =>
        (await rig.app.store.exceptions.listExceptions({ status: 'open', code: 'payload_invalid' })).length >
        0,
      'exception',
    );
    const [exc] = await rig.app.store.exceptions.listExceptions({ status: 'open', code: 'payload_invalid' });
    expect(exc).toMatchObject({ impact: 'blocks-shipment', partner: 'east-3pl' });
    expect(exc!.entities).toMatchObject({ isa13: badFile.controlNumber });
    expect(await readdir(join(threePl().root, 'ferry-error'))).toContain(badFile.name);
    expect((await rig.app.store.orders.getOrderByRef(bad.ref))!.state).toBe('released');
    expect(fulfillments(rig, bad.id)).toHaveLength(0);
  }, 60_000);

  it('an interchange not addressed to the configured identities is refused: an exception, error/, no 997, nothing synced', async () => {
    // the golden 945 is addressed to ZZ:DISTID; this distributor is 12:5035550100 (x12.ours)
    const acksBefore = (await rig.app.store.interchanges.listOutbound('east-3pl')).length;
    await writeFile(join(threePl().root, 'outbound', '945-stranger.edi'), golden('945.edi'));
    await waitFor(
      async () => (await readdir(join(threePl().root, 'ferry-error'))).includes('945-stranger.edi'),
      'stranger file moved to error/',
    );
    await waitFor(
      async () =>
        (await rig.app.store.exceptions.listExceptions({ status: 'open', code: 'payload_invalid' })).some(
          (e) => e.entities.receiver === 'ZZ:DISTID',
        ),
      'exception naming the envelope',
    );
    const [exc] = (
      await rig.app.store.exceptions.listExceptions({ status: 'open', code: 'payload_invalid' })
    ).filter((e) => e.entities.receiver === 'ZZ:DISTID');
    expect(exc!.message).toContain('configured as ZZ:3PLID to 12:5035550100');
    expect(exc!.entities).toMatchObject({ isa13: '000000303', sender: 'ZZ:3PLID' });
    expect(await rig.app.store.interchanges.listOutbound('east-3pl')).toHaveLength(acksBefore);
  });

  it('persists control numbers per partner: every 940 and 997 Ferry sent has its own ISA13', async () => {
    const out = await rig.app.store.interchanges.listOutbound('east-3pl');
    const numbers = out.map((r) => r.controlNumber);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(out.filter((r) => r.purpose.startsWith('release:'))).toHaveLength(6);
    expect(out.every((r) => r.sentAt !== null)).toBe(true);
  });

  it("sends the 3PL's own item numbers where a SKU mapping exists and reads its 945 and 846 back as Ferry's SKUs", async () => {
    const mappings = new MappingService(rig.app.store, systemClock);
    const [mapped, plain] = itemsOf(rig, 920007, 2);
    // the 940 must carry the 3PL's number for the mapped line only
    await mappings.set({ kind: 'sku', scope: 'east-3pl', key: mapped!.sku }, `ACME-${mapped!.sku}`, 'test');
    const o = await placeOrder(rig, 920007, 2);
    await heldBy3pl(o.ref);
    const sent = threePl().orders.get(o.ref)!.order;
    expect(sent.lines.map((l) => l.sku)).toEqual([`ACME-${mapped!.sku}`, plain!.sku]);
    const [release] = await rig.app.store.releases.listReleases(o.ref);
    const line = (release!.request as { lines: { warehouseItem?: string; mappingVersion?: number }[] })
      .lines[0];
    expect(line).toMatchObject({ warehouseItem: `ACME-${mapped!.sku}`, mappingVersion: expect.any(Number) });

    await threePl().ship(o.ref);
    await waitForState(rig, o.ref, 'shipped');
    const [s] = await rig.app.store.shipments.listShipments(o.ref);
    const notice = s!.notice as { shipment: { lines: { sku: string; quantity: number }[] } };
    expect(notice.shipment.lines).toEqual(o.items.map((i) => ({ sku: i.sku, quantity: i.quantity })));
    expect(odooPickings(rig, 'shop-eu:920007').map((p) => p.state)).toEqual(['done']);
    expect(fulfillments(rig, o.id)).toHaveLength(1);

    await threePl().emitInventory([{ sku: `ACME-${mapped!.sku}`, available: 17, onHand: 20 }]);
    await waitFor(
      async () =>
        (
          await rig.app.store.warehouseEvents.listWarehouseEvents({
            warehouse: 'east-3pl',
            kind: 'inventory',
          })
        ).length > 0,
      '846 recorded',
    );
    const [inv] = await rig.app.store.warehouseEvents.listWarehouseEvents({
      warehouse: 'east-3pl',
      kind: 'inventory',
    });
    expect(inv!.payload).toEqual([expect.objectContaining({ sku: mapped!.sku, available: 17, onHand: 20 })]);
  }, 60_000);
});
