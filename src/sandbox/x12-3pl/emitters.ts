/** What the simulated 3PL sends: 997s, 945s, 846s and 944s, with duplicate and malformed knobs. */
import type { Clock } from '../../core/clock.js';
import type {
  ControlNumberStore,
  OutboundInterchange,
  OutboundSet,
  TradingPartner,
  WarehouseOrder,
  X12Transport,
} from '../../connectors/x12/index.js';
import { build846, build944, build945, buildOutbound } from '../../connectors/x12/index.js';
import { malform } from './malform.js';
import type { EmittedFile, SimKnobs } from './options.js';
import type { ShipPlan, SimOrder } from './shipping.js';
import { planShipment } from './shipping.js';

/** An 846 line: absolute levels at the warehouse. */
export interface StockLevel {
  readonly sku: string;
  readonly available: number;
  readonly onHand?: number;
}

/** A 944 to emit. */
export interface ReceiptPlan {
  readonly receiptId: string;
  /** W1704: the 943/RMA reference being answered. */
  readonly reference?: string;
  readonly isReturn?: boolean;
  readonly lines: readonly {
    readonly sku: string;
    readonly quantity: number;
    readonly damaged?: number;
    readonly lineId?: string;
  }[];
}

export abstract class Emitters {
  readonly orders = new Map<string, SimOrder>();
  readonly emitted: EmittedFile[] = [];
  /** 940s for an order reference already held (a re-sent order is not taken twice). */
  duplicateOrders = 0;
  readonly #pending = new Set<Promise<unknown>>();
  #serial = 0;

  protected constructor(
    protected readonly transport: X12Transport,
    readonly partner: TradingPartner,
    protected readonly clock: Clock,
    readonly knobs: SimKnobs,
    protected readonly numbers: ControlNumberStore,
  ) {}

  /** Runs `work` after `ms` (0 = now), tracked so stop() can wait for it. */
  protected abstract later(ms: number, work: () => Promise<unknown>): void;

  /** Hook: remember what was sent so Ferry's 997s can be matched. */
  protected abstract recordSent(sent: OutboundInterchange): Promise<void>;

  protected track(p: Promise<unknown>): void {
    const guarded = p.catch(() => undefined).finally(() => this.#pending.delete(guarded));
    this.#pending.add(guarded);
  }

  /** Resolves when every scheduled emission that has started is done. */
  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }

  protected accept940(order: WarehouseOrder): void {
    const known = this.orders.get(order.orderRef);
    if (order.purpose === 'F') {
      if (known && known.status === 'open') known.status = 'cancelled';
      return;
    }
    if (known) {
      this.duplicateOrders += 1;
      return;
    }
    this.orders.set(order.orderRef, {
      order,
      status: 'open',
      shipped: new Map(),
      cancelled: new Set(),
      shipments: [],
    });
    const delay = this.knobs.shipDelayMs;
    if (delay !== undefined) this.later(delay, () => this.ship(order.orderRef, this.knobs.autoShipPlan));
  }

  /** Emits a 945 for what is still open on `orderRef` under `plan` (default: everything, one carton). */
  async ship(orderRef: string, plan: ShipPlan = {}): Promise<EmittedFile> {
    const sim = this.orders.get(orderRef);
    if (!sim || sim.status === 'cancelled' || sim.status === 'shipped') {
      throw new Error(`3PL simulator: order ${orderRef} is ${sim?.status ?? 'unknown'}, nothing to ship`);
    }
    const advice = planShipment(sim, plan, this.#today(), () => ++this.#serial);
    return this.#emit('945', [{ id: '945', body: build945(advice) }]);
  }

  /** Emits an 846 snapshot for the warehouse location `locationCode` (N1*WH N104). */
  emitInventory(levels: readonly StockLevel[], locationCode = 'WH01'): Promise<EmittedFile> {
    const items = levels.map((l, i) => ({
      line: String(i + 1),
      sku: l.sku,
      quantities: [
        { qualifier: '33', quantity: l.available, uom: 'EA' },
        ...(l.onHand === undefined ? [] : [{ qualifier: '17', quantity: l.onHand, uom: 'EA' }]),
      ],
    }));
    const today = this.#today();
    const body = build846({
      purpose: '00',
      reportType: 'DD',
      reference: `INV${today}-${++this.#serial}`,
      date: today,
      parties: [{ role: 'WH', name: 'SIMULATED 3PL', idQualifier: 'ZZ', id: locationCode }],
      items,
    });
    return this.#emit('846', [{ id: '846', body }]);
  }

  /** Emits a 944 receipt (or customer return with `isReturn`). */
  emitReceipt(plan: ReceiptPlan): Promise<EmittedFile> {
    const today = this.#today();
    const lines = plan.lines.map((l) => ({
      quantity: l.quantity,
      uom: 'EA',
      sku: l.sku,
      lineId: l.lineId,
      exceptions: l.damaged ? [{ quantity: l.damaged, uom: 'EA', condition: '01' }] : [],
    }));
    const body = build944({
      reportingCode: plan.isReturn ? 'C' : 'F',
      date: today,
      receiptId: plan.receiptId,
      depositorOrderRef: plan.reference,
      parties: [],
      receivedDate: today,
      lines,
    });
    return this.#emit('944', [{ id: '944', body }]);
  }

  async #emit(kind: EmittedFile['kind'], sets: readonly OutboundSet[]): Promise<EmittedFile> {
    const out = await buildOutbound(this.partner, this.numbers, this.clock, sets);
    await this.recordSent(out);
    return this.emitText(kind, out.text, out.controlNumber);
  }

  /** Writes an interchange, applying the malformed and duplicate knobs. */
  protected async emitText(
    kind: EmittedFile['kind'],
    text: string,
    controlNumber: string,
  ): Promise<EmittedFile> {
    const how = this.knobs.malformNext;
    this.knobs.malformNext = undefined;
    const s = this.partner.separators;
    const content = how ? malform(text, how, s.element, s.segment) : text;
    const name = `${kind}-${controlNumber}.edi`;
    await this.transport.send(name, content);
    const file: EmittedFile = {
      name,
      kind,
      controlNumber,
      text: content,
      duplicate: false,
      ...(how ? { malformed: how } : {}),
    };
    this.emitted.push(file);
    if (this.knobs.duplicates) {
      await this.transport.send(`${name}.dup`, content);
      this.emitted.push({ ...file, name: `${name}.dup`, duplicate: true });
    }
    return file;
  }

  #today(): string {
    return new Date(this.clock.now()).toISOString().slice(0, 10).replaceAll('-', '');
  }
}
