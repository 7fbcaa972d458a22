import { afterEach, describe, expect, it } from 'vitest';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ParsedInterchange, TradingPartner, X12Transport } from '../../connectors/x12/index.js';
import {
  InMemoryAckLedger,
  InMemoryControlNumberStore,
  acceptedSets,
  acknowledge,
  adviceToPositions,
  adviceToReceipt,
  adviceToShipment,
  build940,
  buildOutbound,
  compilePartner,
  envelopeFailure,
  fulfilmentToWarehouseOrder,
  interchangeKey,
  isValidSscc,
  openFolderTransport,
  openSftpTransport,
  parse846,
  parse944,
  parse945,
  parse997,
  parseInterchange,
} from '../../connectors/x12/index.js';
import { MalformKind, X12ThreePl } from './index.js';

const clock = { now: () => Date.parse('2026-01-16T09:30:00Z') };
const ferryPartner: TradingPartner = compilePartner({
  id: 'acme-3pl',
  warehouse: 'WH01',
  ours: { qualifier: 'ZZ', id: 'DISTID', groupId: 'DISTID' },
  theirs: { qualifier: 'ZZ', id: '3PLID', groupId: '3PLID' },
});
const request = (orderRef: string, qty = 10) => ({
  orderRef,
  warehouse: 'WH01',
  shipTo: {
    name: 'Jane Doe',
    street: '1 High St',
    city: 'Springfield',
    stateCode: 'IL',
    zip: '62701',
    countryCode: 'US',
  },
  lines: [
    { lineId: 'L1', sku: 'WID-BLU-S', quantity: qty },
    { lineId: 'L2', sku: 'WID-RED-M', quantity: 4 },
  ],
  carrier: 'UPSN',
  service: 'UPS GROUND',
});

let sim: X12ThreePl | undefined;
let ferry: X12Transport | undefined;
afterEach(async () => {
  await ferry?.close();
  await sim?.stop();
  ferry = undefined;
  sim = undefined;
});

const numbers = new InMemoryControlNumberStore();
async function send940(t: X12Transport, orderRef: string, qty?: number): Promise<string> {
  const out = await buildOutbound(ferryPartner, numbers, clock, [
    { id: '940', body: build940(fulfilmentToWarehouseOrder(request(orderRef, qty))) },
  ]);
  await t.send(`940-${out.controlNumber}.edi`, out.text);
  return out.text;
}

/** Ferry's side: everything waiting, parsed, in file-name order. */
async function collect(t: X12Transport): Promise<{ name: string; text: string; ic: ParsedInterchange }[]> {
  const files: { name: string; text: string; ic: ParsedInterchange }[] = [];
  await t.poll((f) => {
    const r = parseInterchange(f.text);
    if (r.kind !== 'parsed') throw new Error(`unreadable ${f.name}`);
    files.push({ name: f.name, text: f.text, ic: r.interchange });
    return Promise.resolve('processed');
  });
  return files;
}

describe('3PL simulator', () => {
  it("end to end over SFTP: 940 in, 997 back, 945 later, Ferry's 997 matched", async () => {
    sim = await X12ThreePl.start({ sftp: { username: 'ferry', password: 'pw' }, clock });
    const e = sim.endpoint.sftp!;
    ferry = await openSftpTransport({
      partnerId: 'acme-3pl',
      host: e.host,
      port: e.port,
      username: e.username,
      password: 'pw',
      root: e.root,
      dirs: e.dirs,
    });
    const ledger = new InMemoryAckLedger();
    const out = await buildOutbound(ferryPartner, numbers, clock, [
      { id: '940', body: build940(fulfilmentToWarehouseOrder(request('SO-1'))) },
    ]);
    await ledger.recordSent(out.groups);
    await ferry.send('940-1.edi', out.text);

    await sim.tick();
    expect(sim.orders.get('SO-1')?.status).toBe('open');
    const [ack] = await collect(ferry);
    const ack997 = parse997(ack!.ic.groups[0]!.sets[0]!);
    expect((await ledger.applyAck('acme-3pl', ack997))?.status).toBe('A');
    expect(await ledger.overdue(Number.MAX_SAFE_INTEGER)).toEqual([]);

    await sim.ship('SO-1');
    const [advice] = await collect(ferry);
    const set = acceptedSets(advice!.ic)[0]!.set;
    const confirmation = adviceToShipment(parse945(set), 'WH01');
    expect(confirmation.shipment).toMatchObject({
      orderRef: 'SO-1',
      shipmentId: 'SHP-SO-1-1',
      carrier: 'UPSN',
      shippedAt: '2026-01-16T00:00:00.000Z',
    });
    expect(confirmation.shipment.lines).toEqual([
      { sku: 'WID-BLU-S', quantity: 10 },
      { sku: 'WID-RED-M', quantity: 4 },
    ]);
    expect(confirmation.complete).toBe(true);

    expect((await sim.unacknowledged(Number.MAX_SAFE_INTEGER)).map((g) => g.functionalId)).toEqual(['SW']);
    const our997 = await acknowledge(advice!.ic, ferryPartner, numbers, clock);
    await ferry.send('997-back.edi', our997!.text);
    await sim.tick();
    expect(sim.acks.map((a) => [a.ack.status, a.matchedInterchange])).toEqual([
      ['A', advice!.ic.header.controlNumber],
    ]);
    expect(await sim.unacknowledged(Number.MAX_SAFE_INTEGER)).toEqual([]);
    expect(await readdir(join(sim.root, 'archive'))).toEqual(['940-1.edi', '997-back.edi']);
  });

  it('partial then the rest split over cartons with valid SSCC-18 labels (folder mode)', async () => {
    sim = await X12ThreePl.start({ clock });
    ferry = await openFolderTransport(sim.endpoint.folder);
    await send940(ferry, 'SO-2', 9);
    await sim.tick();
    await sim.ship('SO-2', { quantities: { 'WID-BLU-S': 5, 'WID-RED-M': 0 } });
    await sim.ship('SO-2', { cartons: 2 });
    const files = (await collect(ferry)).filter((f) => f.ic.groups[0]?.header.functionalId === 'SW');
    const [first, second] = files.map((f) => adviceToShipment(parse945(f.ic.groups[0]!.sets[0]!), 'WH01'));
    expect(first!.complete).toBe(false);
    expect(first!.lines.map((l) => [l.sku, l.ordered, l.shipped, l.outcome])).toEqual([
      ['WID-BLU-S', 9, 5, 'partial_backorder'],
      ['WID-RED-M', 4, 0, 'partial_backorder'],
    ]);
    expect(second!.shipment.shipmentId).toBe('SHP-SO-2-2');
    expect(second!.shipment.lines).toEqual([
      { sku: 'WID-BLU-S', quantity: 4 },
      { sku: 'WID-RED-M', quantity: 4 },
    ]);
    expect(second!.shipment.packages).toHaveLength(2);
    expect(second!.shipment.packages.every((p) => isValidSscc(p.id))).toBe(true);
    expect(second!.shipment.packages.flatMap((p) => p.lines).reduce((n, l) => n + l.quantity, 0)).toBe(8);
    expect(sim.orders.get('SO-2')?.status).toBe('shipped');
    await expect(sim.ship('SO-2')).rejects.toThrow(/is shipped/);
  });

  it('cancel knob: the 945 says IC or DS for what it leaves of a line, and the 3PL never ships that rest', async () => {
    sim = await X12ThreePl.start({ clock });
    ferry = await openFolderTransport(sim.endpoint.folder);
    await send940(ferry, 'SO-3', 9);
    await sim.tick();
    const emitted = await sim.ship('SO-3', {
      quantities: { 'WID-BLU-S': 9, 'WID-RED-M': 1 },
      cancel: { 'WID-RED-M': 'IC' },
    });
    expect(emitted.text).toContain('W12*CC*9*9**EA**VN*WID-BLU-S');
    expect(emitted.text).toContain('W12*IC*4*1**EA**VN*WID-RED-M');
    const [file] = (await collect(ferry)).filter((f) => f.ic.groups[0]?.header.functionalId === 'SW');
    const c = adviceToShipment(parse945(file!.ic.groups[0]!.sets[0]!), 'WH01');
    expect(c.cancelled).toEqual([{ lineId: 'L2', sku: 'WID-RED-M', unshipped: 3, outcome: 'cancelled' }]);
    expect(sim.orders.get('SO-3')?.status).toBe('shipped');
    await expect(sim.ship('SO-3')).rejects.toThrow(/is shipped/);

    await send940(ferry, 'SO-4');
    await sim.tick();
    const ds = await sim.ship('SO-4', { quantities: { 'WID-RED-M': 0 }, cancel: { 'WID-RED-M': 'DS' } });
    expect(ds.text).toContain('W12*DS*4*0*4*EA**VN*WID-RED-M');
    expect(sim.orders.get('SO-4')?.status).toBe('shipped');
  });

  it('duplicates knob re-sends the same interchange, recognisable by its key', async () => {
    sim = await X12ThreePl.start({ clock, knobs: { duplicates: true } });
    ferry = await openFolderTransport(sim.endpoint.folder);
    await send940(ferry, 'SO-3');
    await sim.tick();
    await sim.ship('SO-3');
    const shipping = (await collect(ferry)).filter((f) => f.name.startsWith('945-'));
    expect(shipping.map((f) => f.name)).toEqual([
      expect.stringMatching(/^945-\d{9}\.edi$/),
      expect.stringMatching(/\.edi\.dup$/),
    ]);
    expect(interchangeKey(shipping[0]!.text).dedupeKey).toBe(interchangeKey(shipping[1]!.text).dedupeKey);
  });

  for (const kind of Object.values(MalformKind)) {
    it(`malformed knob ${kind}: Ferry rejects it with a 997 R and a classified error`, async () => {
      sim = await X12ThreePl.start({ clock });
      ferry = await openFolderTransport(sim.endpoint.folder);
      sim.configure({ malformNext: kind });
      await sim.emitInventory([{ sku: 'WID-BLU-S', available: 5 }]);
      const [file] = await collect(ferry);
      expect(envelopeFailure({ kind: 'parsed', interchange: file!.ic })?.code).toBe('payload_invalid');
      const ack = await acknowledge(file!.ic, ferryPartner, numbers, clock);
      expect(ack?.text).toMatch(/AK5\*R/);
      expect(ack?.text).toMatch(/AK9\*R\*/);
      expect(sim.knobs.malformNext).toBeUndefined();
    });
  }

  it('emits 846 snapshots and 944 receipts that map to the canonical model', async () => {
    sim = await X12ThreePl.start({ clock });
    ferry = await openFolderTransport(sim.endpoint.folder);
    await sim.emitInventory([{ sku: 'WID-BLU-S', available: 7, onHand: 9 }], 'WH01');
    await sim.emitReceipt({
      receiptId: 'RMA-7',
      reference: 'SO-1',
      isReturn: true,
      lines: [{ sku: 'WID-BLU-S', quantity: 2, damaged: 1 }],
    });
    const [inv, rec] = await collect(ferry);
    expect(
      adviceToPositions(parse846(inv!.ic.groups[0]!.sets[0]!), {
        source: 'wms:acme-3pl',
        defaultLocation: 'x',
      }),
    ).toEqual([
      {
        sku: 'WID-BLU-S',
        location: 'WH01',
        onHand: 9,
        reserved: 2,
        available: 7,
        asOf: '2026-01-16T00:00:00.000Z',
        source: 'wms:acme-3pl',
      },
    ]);
    expect(adviceToReceipt(parse944(rec!.ic.groups[0]!.sets[0]!), 'WH01')).toMatchObject({
      receiptId: 'RMA-7',
      isReturn: true,
      reference: 'SO-1',
      lines: [{ sku: 'WID-BLU-S', quantity: 2, exceptionQuantity: 1, conditions: ['01'] }],
    });
  });

  it('ships automatically after the configured delay, polling on its own', async () => {
    sim = await X12ThreePl.start({
      pollIntervalMs: 20,
      knobs: { shipDelayMs: 30, autoShipPlan: { cartons: 2 } },
    });
    ferry = await openFolderTransport(sim.endpoint.folder);
    await send940(ferry, 'SO-4');
    const deadline = Date.now() + 5_000;
    while (!sim.emitted.some((f) => f.kind === '945') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(sim.emitted.map((f) => f.kind)).toEqual(['997', '945']);
  });

  it('rejects a malformed 940 with a 997 R, keeps the file in rejected/, takes no order', async () => {
    sim = await X12ThreePl.start({ clock });
    ferry = await openFolderTransport(sim.endpoint.folder);
    const out = await buildOutbound(ferryPartner, numbers, clock, [
      { id: '940', body: build940(fulfilmentToWarehouseOrder(request('SO-5'))) },
    ]);
    await ferry.send('bad.edi', out.text.replace(/SE\*(\d+)\*/, 'SE*99*'));
    await sim.tick();
    expect(sim.orders.has('SO-5')).toBe(false);
    expect(sim.received[0]?.issues.map((i) => i.code)).toEqual(['se_count']);
    expect(await readdir(join(sim.root, 'rejected'))).toEqual(['bad.edi']);
    const [ack] = await collect(ferry);
    expect(ack!.text).toContain('AK5*R*4');
  });

  it('a re-sent 940 is a duplicate; a cancel (W0501 F) stops shipping', async () => {
    sim = await X12ThreePl.start({ clock });
    ferry = await openFolderTransport(sim.endpoint.folder);
    const text = await send940(ferry, 'SO-6');
    await ferry.send('again.edi', text);
    await sim.tick();
    expect(sim.received.map((r) => r.duplicate)).toEqual([false, true]);
    const cancel = await buildOutbound(ferryPartner, numbers, clock, [
      { id: '940', body: build940(fulfilmentToWarehouseOrder(request('SO-6'), { purpose: 'F' })) },
    ]);
    await ferry.send('cancel.edi', cancel.text);
    await sim.tick();
    expect(sim.orders.get('SO-6')?.status).toBe('cancelled');
    await expect(sim.ship('SO-6')).rejects.toThrow(/cancelled/);
  });

  it('holds the 997 back for ackDelayMs', async () => {
    sim = await X12ThreePl.start({ clock, knobs: { ackDelayMs: 60 } });
    ferry = await openFolderTransport(sim.endpoint.folder);
    await send940(ferry, 'SO-7');
    await sim.tick();
    expect(sim.emitted).toEqual([]);
    await new Promise((r) => setTimeout(r, 120));
    await sim.settled();
    expect(sim.emitted.map((f) => f.kind)).toEqual(['997']);
  });
});
