/**
 * A JSON REST WMS simulator (issue 5): orders over HTTP (idempotent by reference), shipments
 * (complete, partial, split into packages), warehouse cancellations, inventory snapshots and
 * receipts as events, pushed by HMAC-signed webhook and listed for polling. Knobs: webhooks off
 * (only the poll sees events), duplicate deliveries, injected HTTP faults.
 */
import type { Server } from 'node:http';
import { request } from 'undici';
import type { Clock } from '../../core/clock.js';
import { systemClock } from '../../core/clock.js';
import { signedWmsHeaders, type WmsEvent, type WmsShipment } from '../../connectors/wms-rest/index.js';
import { startWmsServer, type WmsFault } from './server.js';
import { WmsState, type SimWmsOrder, type WmsShipPlan } from './state.js';

export type { WmsFault } from './server.js';

type WmsLineStatus = WmsShipment['lines'][number]['status'];

export interface WmsSimulatorOptions {
  /** Bearer token the API requires; none when absent. */
  readonly token?: string;
  readonly webhookSecret: string;
  readonly clock?: Clock;
}

/** Behaviour switches, changeable while running. */
export interface WmsKnobs {
  /** Push events by webhook; when false only the event list has them. Default true. */
  webhooks: boolean;
  /** Deliver every webhook twice. */
  duplicates: boolean;
}

/** A webhook delivery attempt. */
export interface WmsDelivery {
  readonly eventId: string;
  readonly status: number;
}

export class WmsSimulator {
  readonly deliveries: WmsDelivery[] = [];
  readonly knobs: WmsKnobs = { webhooks: true, duplicates: false };
  #webhookUrl: string | undefined;
  readonly #pending = new Set<Promise<void>>();

  private constructor(
    readonly url: string,
    readonly state: WmsState,
    private readonly faults: WmsFault[],
    private readonly server: Server,
    private readonly options: WmsSimulatorOptions,
    private readonly clock: Clock,
  ) {}

  /** Starts the HTTP server on 127.0.0.1:0; always `stop()` in teardown. */
  static async start(options: WmsSimulatorOptions): Promise<WmsSimulator> {
    const clock = options.clock ?? systemClock;
    const faults: WmsFault[] = [];
    const state = new WmsState();
    const { server, url } = await startWmsServer({
      state,
      token: options.token,
      faults,
      now: () => new Date(clock.now()).toISOString(),
    });
    return new WmsSimulator(url, state, faults, server, options, clock);
  }

  /** Where webhooks go (Ferry's `/webhooks/wms/<warehouse>`). */
  setWebhookTarget(url: string): void {
    this.#webhookUrl = url;
  }

  /** The next requests are answered with these faults. */
  injectFaults(...faults: WmsFault[]): void {
    this.faults.push(...faults);
  }

  order(reference: string): SimWmsOrder | undefined {
    return this.state.orders.get(reference);
  }

  /** Ships what is open on `reference` under `plan`; emits `shipment.created`. */
  async ship(reference: string, plan: WmsShipPlan = {}): Promise<WmsShipment> {
    const o = this.state.orders.get(reference);
    if (!o || o.status === 'cancelled' || o.status === 'shipped')
      throw new Error(`WMS simulator: order ${reference} is ${o?.status ?? 'unknown'}, nothing to ship`);
    const lines = o.input.lines.map((l) => {
      const before = o.shipped.get(l.sku) ?? 0;
      const now = Math.max(0, Math.min(l.quantity - before, plan.quantities?.[l.sku] ?? l.quantity - before));
      o.shipped.set(l.sku, before + now);
      return {
        sku: l.sku,
        ordered: l.quantity,
        shipped: now,
        status: lineStatus(plan, l.sku, before + now, l.quantity),
      };
    });
    o.shipments += 1;
    const closed = lines.every((l) => l.status !== 'backordered');
    o.status = closed ? 'shipped' : 'partially_shipped';
    const shipment: WmsShipment = {
      shipment_id: plan.shipmentId ?? `${o.id}-S${o.shipments}`,
      order_reference: reference,
      shipped_at: new Date(this.clock.now()).toISOString(),
      carrier: plan.carrier ?? o.input.carrier ?? 'UPS',
      packages: packages(lines, Math.max(1, plan.packages ?? 1), () => this.state.nextId('1ZWMS')),
      lines,
    };
    await this.#emit({
      id: this.state.nextId('EV'),
      type: 'shipment.created',
      occurred_at: shipment.shipped_at,
      data: shipment,
    });
    return shipment;
  }

  /** The warehouse cancels an order it cannot fill; emits `order.cancelled`. */
  async cancelByWarehouse(reference: string, reason = 'out of stock'): Promise<void> {
    const o = this.state.orders.get(reference);
    if (o) o.status = 'cancelled';
    await this.#emit({
      id: this.state.nextId('EV'),
      type: 'order.cancelled',
      occurred_at: this.#now(),
      data: { order_reference: reference, reason },
    });
  }

  /** Emits an inventory snapshot of `location`. */
  async emitInventory(
    location: string,
    items: { sku: string; on_hand: number; available: number }[],
  ): Promise<void> {
    const data = { snapshot_id: this.state.nextId('INV'), location, as_of: this.#now(), items };
    await this.#emit({
      id: this.state.nextId('EV'),
      type: 'inventory.snapshot',
      occurred_at: this.#now(),
      data,
    });
  }

  /** Emits a goods receipt (or customer return). */
  async emitReceipt(
    receiptId: string,
    lines: { sku: string; quantity: number; damaged?: number }[],
    isReturn = false,
  ): Promise<void> {
    const data = {
      receipt_id: receiptId,
      is_return: isReturn,
      received_at: this.#now(),
      lines: lines.map((l) => ({ ...l, damaged: l.damaged ?? 0 })),
    };
    await this.#emit({
      id: this.state.nextId('EV'),
      type: 'receipt.created',
      occurred_at: this.#now(),
      data,
    });
  }

  /** Waits for webhook deliveries in flight. */
  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }

  async stop(): Promise<void> {
    await this.settled();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  #now(): string {
    return new Date(this.clock.now()).toISOString();
  }

  async #emit(event: WmsEvent): Promise<void> {
    this.state.events.push(event);
    if (!this.knobs.webhooks || !this.#webhookUrl) return;
    const times = this.knobs.duplicates ? 2 : 1;
    for (let i = 0; i < times; i++) {
      const p = this.#deliver(event).finally(() => this.#pending.delete(p));
      this.#pending.add(p);
      await p;
    }
  }

  /** Up to 3 attempts, as WMS webhooks are retried on non-2xx (PROTOCOLS.md §4). */
  async #deliver(event: WmsEvent): Promise<void> {
    const body = JSON.stringify(event);
    for (let attempt = 0; attempt < 3; attempt++) {
      const ts = String(Math.floor(this.clock.now() / 1000));
      let status = 0;
      try {
        const res = await request(this.#webhookUrl!, {
          method: 'POST',
          headers: signedWmsHeaders(this.options.webhookSecret, ts, event, body),
          body,
        });
        await res.body.text();
        status = res.statusCode;
      } catch {
        status = 0;
      }
      this.deliveries.push({ eventId: event.id, status });
      if (status >= 200 && status < 300) return;
    }
  }
}

/** A line's status once `total` of `ordered` units have shipped, under `plan`. */
function lineStatus(plan: WmsShipPlan, sku: string, total: number, ordered: number): WmsLineStatus {
  if (total >= ordered) return 'complete';
  if (plan.cancel?.includes(sku)) return 'cancelled';
  return plan.backorder === false ? 'closed' : 'backordered';
}

function packages(
  lines: readonly { sku: string; shipped: number }[],
  n: number,
  tracking: () => string,
): WmsShipment['packages'] {
  const out: WmsShipment['packages'] = [];
  for (let c = 0; c < n; c++) {
    const content = lines.flatMap((l) => {
      const share = Math.floor(l.shipped / n) + (c === n - 1 ? l.shipped % n : 0);
      return share > 0 ? [{ sku: l.sku, quantity: share }] : [];
    });
    if (content.length > 0)
      out.push({ package_id: `PKG-${tracking()}`, tracking_number: tracking(), lines: content });
  }
  return out;
}
