/**
 * The warehouse port over a JSON REST WMS: orders created (idempotent by Ferry's reference, which
 * the WMS keeps unique) and cancelled over HTTP; events arrive by signed webhook and, as a
 * fallback, by polling the event list from a stored cursor. Both paths store an event under the
 * same dedupe key, so one seen both ways is processed once.
 */
import type { Clock } from '../../core/clock.js';
import { FerryError, Impact } from '../../core/errors.js';
import type { FulfilmentRequest } from '../../core/model.js';
import type { WmsClient, WmsShipmentLines } from './index.js';
import { WmsEvent, requestToWmsOrder, wmsInventoryToPositions, wmsShipmentToCanonical } from './index.js';
import type {
  InboundMessage,
  LineOutcome,
  ReleaseReceipt,
  ShipmentNotice,
  WarehouseEvent,
  WarehousePort,
  WarehouseIntake,
} from '../../core/warehouse.js';

/** The storage this adapter needs: a named cursor, kept across restarts. */
export interface CursorStore {
  getCursor(name: string): Promise<string | null>;
  setCursor(name: string, value: string, now: number): Promise<void>;
}

/** Options of the REST warehouse adapter. */
export interface RestWarehouseOptions {
  readonly id: string;
  readonly client: WmsClient;
  /** Where the event-feed cursor is kept between polls. */
  readonly cursors: CursorStore;
  readonly clock: Clock;
  readonly intake: WarehouseIntake;
  readonly locations: Readonly<Record<string, string>>;
  /** Events per poll request; default 100. */
  readonly pageSize?: number;
}

/** The inbox dedupe key of a WMS event, shared by the webhook route and the poll. */
export function wmsEventKey(warehouse: string, eventId: string): string {
  return `wms:${warehouse}:${eventId}`;
}

const OUTCOMES = {
  complete: 'complete',
  backordered: 'backorder',
  closed: 'closed',
  cancelled: 'cancelled',
} as const satisfies Record<WmsShipmentLines['status'], LineOutcome>;

/**
 * Lines the WMS cancelled in a shipment, as the same warehouse cancellation its `order.cancelled`
 * and an X12 945's `IC`/`DS` lines become, so one rule (`cancelledRest`) settles all three. After
 * the shipment, and keyed by it: the cancellation waits until that shipment is in Odoo.
 */
function cancellationOf(n: ShipmentNotice): WarehouseEvent[] {
  const skus = [...new Set(n.lines.filter((l) => l.outcome === 'cancelled').map((l) => l.sku))];
  if (skus.length === 0) return [];
  const { orderRef, shipmentId } = n.shipment;
  const reason = `shipment ${shipmentId}: ${skus.map((s) => `${s} cancelled by the warehouse`).join(', ')}`;
  return [{ kind: 'cancelled', orderRef, reason, shipmentId, skus }];
}

function toEvents(e: WmsEvent, o: RestWarehouseOptions): WarehouseEvent[] {
  switch (e.type) {
    case 'shipment.created': {
      const { shipment, lines } = wmsShipmentToCanonical(e.data, o.id);
      const notice: ShipmentNotice = {
        shipment,
        lines: lines.map((l) => ({
          sku: l.sku,
          ordered: l.ordered,
          shipped: l.shipped,
          outcome: l.shipped >= l.ordered ? 'complete' : OUTCOMES[l.status],
        })),
      };
      return [{ kind: 'shipment', notice }, ...cancellationOf(notice)];
    }
    case 'inventory.snapshot':
      return [
        {
          kind: 'inventory',
          key: `wms:${o.id}:inventory:${e.data.snapshot_id}`,
          positions: wmsInventoryToPositions(e.data, o.id, o.locations),
        },
      ];
    case 'receipt.created': {
      const r = e.data;
      return [
        {
          kind: 'receipt',
          receipt: {
            receiptId: r.receipt_id,
            isReturn: r.is_return,
            ...(r.reference ? { reference: r.reference } : {}),
            receivedAt: r.received_at,
            lines: r.lines,
          },
        },
      ];
    }
    case 'order.cancelled':
      return [
        {
          kind: 'cancelled',
          orderRef: e.data.order_reference,
          ...(e.data.reason ? { reason: e.data.reason } : {}),
        },
      ];
  }
}

/** Creates the adapter. */
export function restWarehouse(o: RestWarehouseOptions): WarehousePort {
  const cursorName = `wms:${o.id}:events`;
  return {
    id: o.id,
    kind: 'wms-rest',
    async release(req: FulfilmentRequest): Promise<ReleaseReceipt> {
      const { order } = await o.client.createOrder(requestToWmsOrder(req));
      // The WMS's 2xx is its acknowledgement: it holds the order from that answer on.
      return { externalRef: order.id, acknowledged: true, ackDueAtMs: undefined };
    },
    async cancel(orderRef: string, reason?: string): Promise<void> {
      await o.client.cancelOrder(orderRef, reason);
    },
    async collect(): Promise<number> {
      let cursor = await o.cursors.getCursor(cursorName);
      let fresh = 0;
      for (;;) {
        const page = await o.client.listEvents(cursor, o.pageSize ?? 100);
        for (const e of page.events) {
          const r = await o.intake({
            kind: e.type,
            body: Buffer.from(JSON.stringify(e)),
            headers: { via: 'poll' },
            dedupeKey: wmsEventKey(o.id, e.id),
            signature: 'unsigned',
          });
          if (r === 'accepted') fresh++;
        }
        for (const bad of page.invalid) {
          const body = Buffer.from(JSON.stringify(bad.raw));
          await o.intake({
            kind: 'invalid',
            body,
            headers: { via: 'poll' },
            dedupeKey: `${cursorName}:invalid:${body.toString('base64').slice(0, 64)}`,
            signature: 'unsigned',
          });
        }
        if (page.nextCursor) {
          cursor = page.nextCursor;
          await o.cursors.setCursor(cursorName, cursor, o.clock.now());
        }
        if (page.events.length + page.invalid.length < (o.pageSize ?? 100)) return fresh;
      }
    },
    receive(msg: InboundMessage): Promise<WarehouseEvent[]> {
      let raw: unknown;
      try {
        raw = JSON.parse(msg.body.toString('utf8'));
      } catch (e) {
        return Promise.resolve([problem(o.id, `WMS event is not JSON: ${(e as Error).message}`)]);
      }
      const parsed = WmsEvent.safeParse(raw);
      if (!parsed.success)
        return Promise.resolve([
          problem(o.id, `WMS event does not match the contract: ${parsed.error.message}`),
        ]);
      return Promise.resolve(toEvents(parsed.data, o));
    },
    close: () => o.client.close(),
  };
}

function problem(warehouse: string, message: string): WarehouseEvent {
  return {
    kind: 'problem',
    error: new FerryError('payload_invalid', message, {
      impact: Impact.blocksShipment,
      partner: `wms:${warehouse}`,
    }),
  };
}
