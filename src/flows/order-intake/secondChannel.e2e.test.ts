/**
 * A second channel kind needs no second copy of any flow: a wholesale customer sending purchase
 * orders (an EDI-like JSON, normalised by its own `OrderSource`) and taking shipment notices (its
 * own `FulfilmentSink`), with no feed, stock, holds or cancels, runs through the intake flow's own
 * tasks into Odoo, and its shipment is confirmed through the shipment flow's channel step.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { envSecretResolver } from '../../app/flows.js';
import { connectPartners, partnerGuards, type Partners } from '../../app/partners.js';
import type {
  ChannelPort,
  FulfilmentInput,
  FulfilmentOutcome,
  FulfilmentSink,
  NormalisedOrder,
  OrderSource,
} from '../../core/channel/index.js';
import { channelRole } from '../../core/channel/index.js';
import { systemClock } from '../../core/clock.js';
import { Order } from '../../core/model.js';
import { EventBus, InboxService, LaneRegistry, Queue, Worker } from '../../engine/index.js';
import { compileConfig, validateConfig } from '../../ops/config/index.js';
import { startDistributor, type Distributor } from '../../sandbox/distributor.js';
import type { Store } from '../../store/index.js';
import { DEFAULT_RULES, type ShipmentNotice } from '../fulfilment/index.js';
import { resolveCarrier } from '../shipment/carrier.js';
import { channelStep } from '../shipment/channelStep.js';
import {
  INTAKE_LANE,
  INTAKE_TASK,
  ORDERS_LANE,
  acceptOrderTask,
  CHANNEL_POLL_TASK,
  channelPollTask,
  normaliseOrderTask,
  type ChannelRuntime,
  type IntakeDeps,
} from './index.js';
import { describeStores, waitFor } from '../../test-helpers/stores.js';

/** The customer's purchase order, as its (fictional) integration sends it. */
interface PurchaseOrder {
  po: string;
  buyer: string;
  issued: string;
  lines: { n: number; sku: string; qty: number; cents: number }[];
}

/** Orders in: the customer's purchase-order JSON → canonical order. */
class PurchaseOrderSource implements OrderSource {
  normalise(body: string): NormalisedOrder {
    const po = JSON.parse(body) as PurchaseOrder;
    const order = Order.parse({
      channel: 'acme-edi',
      channelOrderId: po.po,
      currency: 'USD',
      taxesIncluded: false,
      customer: { name: po.buyer, isCompany: true },
      b2b: { companyId: po.buyer, poNumber: po.po },
      lines: po.lines.map((l) => ({
        lineId: String(l.n),
        sku: l.sku,
        quantity: l.qty,
        unitPrice: { amountMinor: l.cents, currency: 'USD' },
        discount: { amountMinor: 0, currency: 'USD' },
      })),
      financialStatus: 'paid',
      createdAt: po.issued,
      updatedAt: po.issued,
      refs: [{ system: 'acme-edi', kind: 'po', id: po.po }],
    });
    return { order, drift: [] };
  }
}

/** Fulfilments out: what the customer was told (an 856 would carry the same). */
class ShipNoticeSink implements FulfilmentSink {
  readonly sent: FulfilmentInput[] = [];
  createFulfilment(input: FulfilmentInput): Promise<FulfilmentOutcome> {
    this.sent.push(input);
    return Promise.resolve({ kind: 'created', fulfilmentIds: [`ASN-${input.shipmentId}`] });
  }
}

describeStores('a second channel kind through the same flows', (fx) => {
  let dist: Distributor;
  let store: Store;
  let worker: Worker;
  let wiring: Partners;
  let inbox: InboxService;
  const sink = new ShipNoticeSink();
  const port: ChannelPort = {
    kind: 'x12-customer',
    partner: 'x12:acme-edi',
    orders: new PurchaseOrderSource(),
    fulfilments: sink,
  };
  let deps: IntakeDeps;

  beforeAll(async () => {
    dist = await startDistributor({ products: 5 });
    store = await fx().open();
    const lanes = new LaneRegistry([
      { name: INTAKE_LANE, pollMs: 20, concurrency: 2 },
      { name: ORDERS_LANE, pollMs: 20, concurrency: 2, batchSize: 10 },
    ]);
    const events = new EventBus();
    const queue = new Queue(store, lanes, systemClock);
    inbox = new InboxService({ store, queue, clock: systemClock, events });
    const compiled = compileConfig(validateConfig(dist.config));
    wiring = connectPartners(compiled, partnerGuards(compiled, systemClock), {
      clock: systemClock,
      resolveSecret: envSecretResolver(dist.env),
    });
    const acme: ChannelRuntime = {
      id: 'acme-edi',
      kind: port.kind,
      port,
      rules: { currencies: ['USD'], stock: 'backorder', priceTolerancePct: null },
      pollEveryMinutes: 10,
      pollOverlapMs: 0,
    };
    deps = {
      odoo: wiring.odoo!,
      channels: new Map<string, ChannelRuntime>([...wiring.channels, ['acme-edi', acme]]),
      queue,
      clock: systemClock,
    };
    worker = new Worker({
      store,
      lanes,
      events,
      tasks: [normaliseOrderTask(deps), acceptOrderTask(deps), channelPollTask(deps, inbox)],
    });
    worker.start();
  }, 60_000);
  afterAll(async () => {
    await worker?.stop();
    await wiring?.close();
    await store?.close();
    await dist?.stop();
  });

  it('takes a purchase order through intake into a confirmed Odoo order, and confirms its shipment', async () => {
    const [a, b] = dist.catalogue;
    const po: PurchaseOrder = {
      po: 'PO-77001',
      buyer: 'Acme Wholesale',
      issued: '2026-03-02T09:00:00.000Z',
      lines: [
        { n: 1, sku: a!.sku, qty: 12, cents: 450 },
        { n: 2, sku: b!.sku, qty: 3, cents: 1999 },
      ],
    };
    const r = await inbox.accept(
      {
        source: port.partner,
        kind: '850',
        headers: {},
        body: Buffer.from(JSON.stringify(po)),
        signature: 'unsigned',
        dedupeKey: `${port.partner}:${po.po}`,
      },
      (inboxId) => ({
        lane: INTAKE_LANE,
        task: INTAKE_TASK,
        payload: { inboxId, channel: 'acme-edi', topic: '850' },
      }),
    );
    expect(r.status).toBe('accepted');
    await waitFor(
      async () => (await store.orders.getOrderByRef('acme-edi-PO-77001'))?.state === 'accepted',
      'accepted in Ferry',
      30_000,
    );
    const row = (await store.orders.getOrderByRef('acme-edi-PO-77001'))!;
    const events = await store.orders.listOrderEvents(row.id);
    expect(events.map((e) => e.type)).toEqual(['received', 'validated', 'accepted']);
    const so = dist.odoo.core.db.get('sale.order', row.odooId!)!;
    expect(so.state).toBe('sale');
    const lines = dist.odoo.core.db.where('sale.order.line', (l) => {
      const id = Array.isArray(l.order_id) ? l.order_id[0] : l.order_id;
      return id === so.id;
    });
    expect(lines.map((l) => [l.product_uom_qty, l.price_unit]).sort()).toEqual(
      [
        [12, 4.5],
        [3, 19.99],
      ].sort(),
    );

    const notice = {
      shipment: {
        shipmentId: 'S-1',
        orderRef: row.ref,
        warehouse: 'wh',
        lines: [{ sku: a!.sku, quantity: 12 }],
        carrier: 'UPSN',
        trackingNumbers: ['1ZACME'],
        packages: [],
        shippedAt: '2026-03-03T10:00:00Z',
      },
      lines: [],
    } as unknown as ShipmentNotice;
    await store.shipments.insertShipment({
      warehouse: 'wh',
      shipmentId: 'S-1',
      orderRef: row.ref,
      notice,
      now: 1,
    });
    const s = (await store.shipments.getShipment('wh', 'S-1'))!;
    const shipDeps = {
      odoo: wiring.odoo!,
      channels: deps.channels,
      clock: systemClock,
      rules: DEFAULT_RULES,
    };
    const carrier = await resolveCarrier(store, DEFAULT_RULES, 'wh', notice.shipment.carrier);
    const outcome = await channelStep(store, shipDeps, row, s, notice, carrier);
    expect(outcome).toEqual({ kind: 'created', fulfillmentIds: ['ASN-S-1'], tracking: ['1ZACME'] });
    expect(sink.sent).toHaveLength(1);
    expect(sink.sent[0]).toMatchObject({
      channelOrderId: 'PO-77001',
      lines: [{ sku: a!.sku, quantity: 12 }],
      tracking: { numbers: ['1ZACME'] },
    });
  }, 60_000);

  it('a role the channel does not have is refused by name, not guessed', async () => {
    await deps.queue.enqueue({
      lane: INTAKE_LANE,
      task: CHANNEL_POLL_TASK,
      payload: { channel: 'acme-edi' },
    });
    await waitFor(
      async () => (await store.exceptions.listExceptions({ task: CHANNEL_POLL_TASK })).length === 1,
      'the poll refused',
      10_000,
    );
    const [ex] = await store.exceptions.listExceptions({ task: CHANNEL_POLL_TASK });
    expect(ex!.code).toBe('config_invalid');
    expect(ex!.message).toContain('channel acme-edi (x12-customer) has no order feed configured');
    // The shipment flow's cancel and hold steps and inventory publishing skip a channel without those roles.
    expect(channelRole(deps.channels, 'acme-edi', 'cancels')).toBeUndefined();
    expect(channelRole(deps.channels, 'acme-edi', 'holds')).toBeUndefined();
    expect(channelRole(deps.channels, 'acme-edi', 'stock')).toBeUndefined();
  }, 30_000);
});
