/** The simulated WMS's data: orders, shipped units, and the event log the poll endpoint serves. */
import type { WmsEvent, WmsOrderInput } from '../../connectors/wms-rest/index.js';

export interface SimWmsOrder {
  readonly id: string;
  readonly input: WmsOrderInput;
  status: 'received' | 'picking' | 'partially_shipped' | 'shipped' | 'cancelled';
  readonly createdAt: string;
  /** Units shipped so far per SKU. */
  readonly shipped: Map<string, number>;
  shipments: number;
}

/** How to ship an order now. */
export interface WmsShipPlan {
  /** Units per SKU this time (capped at what is open); default everything open. */
  readonly quantities?: Readonly<Record<string, number>>;
  /** Split the units over this many packages, each with its own tracking number; default 1. */
  readonly packages?: number;
  /** Short lines: the rest follows (`backordered`, default) or is written off (`closed`). */
  readonly backorder?: boolean;
  /** SKUs whose short rest the warehouse cancels (`cancelled`: out of stock, damaged), over `backorder`. */
  readonly cancel?: readonly string[];
  readonly carrier?: string;
  readonly shipmentId?: string;
}

export class WmsState {
  readonly orders = new Map<string, SimWmsOrder>();
  readonly events: WmsEvent[] = [];
  /** Create requests for a reference already held (answered 200 with the first order). */
  duplicateCreates = 0;
  #seq = 0;

  nextId(prefix: string): string {
    return `${prefix}${String(++this.#seq).padStart(6, '0')}`;
  }

  /** Events after the cursor (an event id), up to `limit`. */
  page(after: string | null, limit: number): { events: WmsEvent[]; next_cursor: string | null } {
    const start = after ? this.events.findIndex((e) => e.id === after) + 1 : 0;
    const events = this.events.slice(start, start + limit);
    return { events, next_cursor: events.at(-1)?.id ?? after };
  }
}
