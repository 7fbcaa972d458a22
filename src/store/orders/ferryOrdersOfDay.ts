import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { parseJson } from '../common/rows.js';

/** An order as Ferry holds it, for the completeness report. */
export interface FerryOrderFact {
  ref: string;
  channelOrderId: string;
  state: string;
  odooId: number | null;
  /** When the channel created it (UTC ISO-8601), from the canonical order. */
  createdAt: string | null;
}

/** How long after its creation Ferry may first hear of an order and still count it in its day. */
const LATE_ARRIVAL_MS = 7 * 86_400_000;

/**
 * Ferry's orders of one channel created (by the channel's clock) in [from, to), plus any of the
 * given channel order ids. Ferry cannot have received an order before the channel created it, so
 * only orders stored from `from` on are read (up to a week after `to`, for late arrivals).
 */
export async function ferryOrdersOfDay(
  db: Kysely<DB>,
  channel: string,
  from: number,
  to: number,
  channelOrderIds: readonly string[],
): Promise<FerryOrderFact[]> {
  const rows = await db
    .selectFrom('orders')
    .select(['ref', 'channel_order_id', 'state', 'odoo_id', 'canonical'])
    .where('channel', '=', channel)
    .where((eb) =>
      eb.or([
        eb.and([eb('created_at', '>=', from), eb('created_at', '<', to + LATE_ARRIVAL_MS)]),
        ...(channelOrderIds.length ? [eb('channel_order_id', 'in', [...channelOrderIds])] : []),
      ]),
    )
    .execute();
  const wanted = new Set(channelOrderIds);
  return rows
    .map((r) => ({
      ref: r.ref,
      channelOrderId: r.channel_order_id,
      state: r.state,
      odooId: r.odoo_id === null ? null : Number(r.odoo_id),
      createdAt: parseJson<{ createdAt?: string }>(r.canonical, {}).createdAt ?? null,
    }))
    .filter((o) => {
      const t = o.createdAt ? Date.parse(o.createdAt) : NaN;
      return wanted.has(o.channelOrderId) || (t >= from && t < to);
    });
}
