/**
 * One page per order: where it stands in its lifecycle and what comes next, every event across
 * systems with its payload (raw inbound message, canonical order, warehouse request and
 * shipment notice), and the actions its state allows the caller.
 */
import type { Store } from '../../../store/index.js';
import { activeHolds, type Hold } from '../../../flows/order-intake/index.js';
import { Permission, can, type Role } from '../../auth/index.js';
import type { OrderQueries, TimelineEntry } from './orders.js';
import type { OrderHoldService } from './holds.js';
import { progressOf, type Progress } from './lifecycleView.js';
import { fixInWords } from './errorClass.js';

/** The longest raw body shown inline; larger ones are cut with a note (the inbox route has them whole). */
const BODY_LIMIT = 64 * 1024;

/** An action the page offers: what, and the request that does it. */
export interface OrderAction {
  action: 'hold' | 'release' | 'replay' | 'edit-replay' | 'skip';
  label: string;
  method: 'POST';
  url: string;
  exceptionId?: number;
}

/** A timeline entry with what it carried. */
export type PageEntry = TimelineEntry & { payload?: unknown };

export interface OrderPage {
  order: {
    id: number;
    ref: string;
    channel: string;
    channelOrderId: string;
    state: string;
    odooId: number | null;
    odooName: string | null;
    createdAt: number;
    updatedAt: number;
    /** The canonical order Ferry works from. */
    canonical: unknown;
  };
  progress: Progress;
  holds: Hold[];
  openExceptions: { id: number; code: string; impact: string; message: string; fix: string }[];
  actions: OrderAction[];
  timeline: PageEntry[];
}

const HOLDABLE = new Set(['received', 'validated', 'rejected', 'accepted', 'reserved']);

/** Builds order pages from the timeline, the inbox, the warehouse records and the holds. */
export class OrderPages {
  constructor(
    private readonly store: Store,
    private readonly orders: OrderQueries,
    private readonly holds: OrderHoldService,
  ) {}

  /** The page of the order known by `idOrRef` (Ferry id, Ferry ref or any system's id), for `role`. */
  async page(idOrRef: string, role: Role): Promise<OrderPage> {
    const row = await this.holds.find(idOrRef);
    const { order, entries } = await this.orders.timeline(row.id);
    const [holds, releases, shipments] = await Promise.all([
      activeHolds(this.store, order.id),
      this.store.releases.listReleases(order.ref),
      this.store.shipments.listShipments(order.ref),
    ]);
    const timeline: PageEntry[] = [];
    for (const e of entries) timeline.push(e.kind === 'inbox' ? await this.withBody(e) : e);
    for (const r of releases)
      timeline.push({
        at: r.createdAt,
        kind: 'release',
        warehouse: r.warehouse,
        state: r.state,
        externalRef: r.externalRef,
        ackedAt: r.ackedAt,
        payload: { direction: 'outbound', request: r.request },
      } as unknown as PageEntry);
    for (const s of shipments)
      timeline.push({
        at: s.createdAt,
        kind: 'shipment',
        warehouse: s.warehouse,
        shipmentId: s.shipmentId,
        state: s.state,
        payload: { direction: 'inbound', notice: s.notice, channel: s.channelSnapshot },
      } as unknown as PageEntry);
    timeline.sort((a, b) => a.at - b.at);
    const open = entries.flatMap((e) =>
      e.kind === 'exception' && e.status === 'open'
        ? [
            {
              id: e.exceptionId,
              code: e.code,
              impact: e.impact,
              message: e.message,
              fix: fixInWords(e.code, e.message),
            },
          ]
        : [],
    );
    return {
      order: {
        id: order.id,
        ref: order.ref,
        channel: order.channel,
        channelOrderId: order.channelOrderId,
        state: order.state,
        odooId: order.odooId,
        odooName: order.odooName,
        createdAt: order.createdAt,
        updatedAt: order.updatedAt,
        canonical: order.canonical,
      },
      progress: progressOf(order.state),
      holds,
      openExceptions: open,
      actions: actionsFor(role, order, holds, open),
      timeline,
    };
  }

  private async withBody(e: Extract<TimelineEntry, { kind: 'inbox' }>): Promise<PageEntry> {
    const m = await this.store.inbox.getInbox(e.inboxId);
    if (!m) return e;
    const text = m.body.subarray(0, BODY_LIMIT).toString('utf8');
    return {
      ...e,
      payload: {
        direction: 'inbound',
        headers: m.headers,
        body: text,
        ...(m.body.length > BODY_LIMIT ? { truncatedFrom: m.body.length } : {}),
      },
    };
  }
}

/** The actions this order's state allows, among those the role may take (hidden and refused together). */
function actionsFor(
  role: Role,
  order: { id: number; state: string },
  holds: Hold[],
  open: { id: number; impact: string }[],
): OrderAction[] {
  const out: OrderAction[] = [];
  const url = `/api/orders/${order.id}`;
  if (can(role, Permission.exceptionsAct)) {
    if (HOLDABLE.has(order.state))
      out.push({ action: 'hold', label: 'Hold before release', method: 'POST', url: `${url}/hold` });
    if (holds.length)
      out.push({ action: 'release', label: 'Release the hold', method: 'POST', url: `${url}/release` });
  }
  for (const e of open) {
    const mayAct =
      can(role, Permission.exceptionsAct) ||
      (can(role, Permission.exceptionsActFinance) && e.impact === 'finance');
    if (!mayAct) continue;
    const base = `/api/exceptions/${e.id}`;
    out.push(
      {
        action: 'replay',
        label: `Replay exception ${e.id}`,
        method: 'POST',
        url: `${base}/replay`,
        exceptionId: e.id,
      },
      {
        action: 'edit-replay',
        label: `Edit and replay exception ${e.id}`,
        method: 'POST',
        url: `${base}/edit-replay`,
        exceptionId: e.id,
      },
      {
        action: 'skip',
        label: `Skip exception ${e.id} with a reason`,
        method: 'POST',
        url: `${base}/skip`,
        exceptionId: e.id,
      },
    );
  }
  return out;
}
