import { FerryError } from '../../../core/errors.js';
import type { ExceptionRecord, Store } from '../../../store/index.js';
import type { OrderEvent, OrderRow } from '../../../store/orders/index.js';

/** One entry of an order's timeline, across Ferry's own history, the raw inbox and exceptions. */
export type TimelineEntry =
  | { at: number; kind: 'event'; event: OrderEvent }
  | {
      at: number;
      kind: 'inbox';
      inboxId: number;
      source: string;
      topic: string;
      status: string;
      jobState: string | null;
      reason: string | null;
    }
  | {
      at: number;
      kind: 'exception';
      exceptionId: number;
      code: string;
      impact: string;
      status: string;
      message: string;
    };

export interface OrderTimeline {
  order: OrderRow;
  entries: TimelineEntry[];
}

/** Order search by any system's id, and one order's story across systems. */
export class OrderQueries {
  constructor(private readonly store: Store) {}

  async search(text: string): Promise<OrderRow[]> {
    const ids = await this.store.orders.searchOrderIds(text);
    const rows = await Promise.all(ids.map((id) => this.store.orders.getOrder(id)));
    return rows.filter((r): r is OrderRow => r !== null);
  }

  async timeline(id: number): Promise<OrderTimeline> {
    const order = await this.store.orders.getOrder(id);
    if (!order) throw new FerryError('not_found', `order ${id} does not exist`);
    const events = await this.store.orders.listOrderEvents(id);
    // Flows name the inbox message an event came from as `inbox:<id>`.
    const inboxIds = [
      ...new Set(
        events.flatMap((e) => (/^inbox:(\d+)$/.exec(e.source ?? '') ? [Number(e.source!.slice(6))] : [])),
      ),
    ];
    const inbox = await this.store.inbox.listInbox({ ids: inboxIds, limit: 500 });
    const exceptions = await this.store.exceptions.exceptionsForOrder({
      orderingKeys: [`order:${order.ref}`],
      ids: [order.ref, order.channelOrderId, ...(order.odooName ? [order.odooName] : [])],
    });
    const entries: TimelineEntry[] = [
      ...events.map((e) => ({ at: e.at, kind: 'event' as const, event: e })),
      ...inbox.map((m) => ({
        at: m.receivedAt,
        kind: 'inbox' as const,
        inboxId: m.id,
        source: m.source,
        topic: m.kind,
        status: m.status,
        jobState: m.jobState,
        reason: m.reason,
      })),
      ...exceptions.map((x) => exceptionEntry(x)),
    ];
    // Stable on equal times: inbox, then events, then exceptions, the order they happen in.
    const rank = { inbox: 0, event: 1, exception: 2 } as const;
    entries.sort((a, b) => a.at - b.at || rank[a.kind] - rank[b.kind]);
    return { order, entries };
  }
}

function exceptionEntry(x: ExceptionRecord): TimelineEntry {
  return {
    at: x.createdAt,
    kind: 'exception',
    exceptionId: x.id,
    code: x.code,
    impact: x.impact,
    status: x.status,
    message: x.message,
  };
}
