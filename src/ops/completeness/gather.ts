import type { Clock } from '../../core/clock.js';
import { FerryError } from '../../core/errors.js';
import {
  ordersUpdatedSince,
  type OrderPollCursor,
  type ShopifyGraphqlClient,
} from '../../connectors/shopify/index.js';
import type { OdooSales } from '../../connectors/odoo/index.js';
import type { Store } from '../../store/index.js';
import {
  buildCompletenessReport,
  utcDay,
  type ChannelOrderFact,
  type CompletenessReport,
  type CompletenessSla,
} from './report.js';

export interface CompletenessDeps {
  store: Store;
  clock: Clock;
  sla: CompletenessSla;
  /** The Shopify channels, with their Admin API client when one is configured. */
  channels: ReadonlyMap<string, { client?: ShopifyGraphqlClient | undefined }>;
  odoo: Pick<OdooSales, 'orderChangesSince'> | undefined;
}

/** Odoo sale order states that mean confirmed (DESIGN.md §4 "accepted"). */
const CONFIRMED = new Set(['sale', 'done']);

/**
 * Reads the channel's orders created in [from, to): every order updated since `from` (an order is
 * updated no earlier than it was created), through the same paginated query as the reconciliation
 * poll, keeping those created in the day.
 */
async function channelOrdersOfDay(
  client: ShopifyGraphqlClient,
  from: number,
  to: number,
): Promise<ChannelOrderFact[]> {
  const out = new Map<string, ChannelOrderFact>();
  let cursor: OrderPollCursor | null = { updatedAt: new Date(from).toISOString(), id: '0' };
  for (;;) {
    const r = await ordersUpdatedSince(client, { cursor, overlapMs: 0, pageSize: 50, maxNewOrders: 1000 });
    for (const o of r.orders as {
      id: number | string;
      name?: string;
      created_at: string;
      cancelled_at?: string | null;
    }[]) {
      const t = Date.parse(o.created_at);
      if (t >= from && t < to)
        out.set(String(o.id), {
          channelOrderId: String(o.id),
          ...(o.name ? { name: o.name } : {}),
          createdAt: new Date(t).toISOString(),
          cancelled: Boolean(o.cancelled_at),
        });
    }
    if (!r.hasMore || !r.nextCursor) break;
    cursor = r.nextCursor;
  }
  return [...out.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** The client_order_refs of the Odoo sale orders confirmed and written since `from`. */
async function odooRefsSince(odoo: Pick<OdooSales, 'orderChangesSince'>, from: number): Promise<Set<string>> {
  const refs = new Set<string>();
  // Odoo's write_date is UTC without a zone: "2026-06-01 00:00:00".
  let cursor = { writeDate: new Date(from).toISOString().replace('T', ' ').slice(0, 19), id: 0 };
  for (;;) {
    const page = await odoo.orderChangesSince(cursor, 500);
    for (const o of page.items) if (o.channelRef && CONFIRMED.has(o.state)) refs.add(o.channelRef);
    if (!page.more || !page.cursor) return refs;
    cursor = page.cursor;
  }
}

/** The report for each channel asked for (all configured Shopify channels by default). */
export async function completenessReports(
  deps: CompletenessDeps,
  date: string,
  channel?: string,
): Promise<CompletenessReport[]> {
  const { from, to } = utcDay(date);
  const ids = channel ? [channel] : [...deps.channels.keys()];
  if (channel && !deps.channels.has(channel))
    throw new FerryError(
      'not_found',
      `unknown channel "${channel}"; configured: ${[...deps.channels.keys()].join(', ') || 'none'}`,
    );
  if (!deps.odoo)
    throw new FerryError('config_invalid', 'the completeness report needs the Odoo connection (odoo)');
  const odooRefs = await odooRefsSince(deps.odoo, from);
  const reports: CompletenessReport[] = [];
  for (const id of ids) {
    const client = deps.channels.get(id)?.client;
    if (!client)
      throw new FerryError(
        'config_invalid',
        `channel ${id} has no Admin API access configured; cannot read its orders`,
      );
    const channelOrders = await channelOrdersOfDay(client, from, to);
    const ferryOrders = await deps.store.orders.ferryOrdersOfDay(
      id,
      from,
      to,
      channelOrders.map((c) => c.channelOrderId),
    );
    reports.push(
      buildCompletenessReport({
        channel: id,
        date,
        now: deps.clock.now(),
        sla: deps.sla,
        channelOrders,
        ferryOrders,
        odooRefs,
        odooRefOf: (channelOrderId) => `${id}:${channelOrderId}`,
      }),
    );
  }
  return reports;
}
