/**
 * Stock positions per product per internal location (stock.quant, summed client-side: Odoo may
 * hold several quants for one product and location, e.g. `quantity 0 / reserved 1` rows left by
 * concurrent reservations, ODOO.md §2 gotchas), and change feeds by (write_date, id) cursor.
 */
import type { Changes, Cursor, OrderChange, StockPosition } from '../port.js';
import type { Ops } from './context.js';
import { m2oId } from './context.js';

interface QuantRow {
  id: number;
  product_id: [number, string];
  location_id: [number, string];
  quantity: number;
  reserved_quantity: number;
  write_date: string;
}

const QUANT_FIELDS = ['product_id', 'location_id', 'quantity', 'reserved_quantity', 'write_date'];

function group(ops: Ops, rows: QuantRow[]): StockPosition[] {
  const out = new Map<string, StockPosition>();
  for (const r of rows) {
    const productId = m2oId(r.product_id) as number;
    const locationId = m2oId(r.location_id) as number;
    const key = `${productId}@${locationId}`;
    const p = out.get(key) ?? {
      productId,
      sku: ops.products.skuOf(productId) ?? /^\[([^\]]+)\]/.exec(r.product_id[1])?.[1] ?? false,
      locationId,
      location: r.location_id[1],
      onHand: 0,
      reserved: 0,
      free: 0,
    };
    p.onHand += r.quantity;
    p.reserved += r.reserved_quantity;
    p.free = p.onHand - p.reserved;
    out.set(key, p);
  }
  return [...out.values()];
}

export async function readStock(
  ops: Ops,
  q: { productIds?: number[]; locationIds?: number[] } = {},
): Promise<StockPosition[]> {
  const domain: unknown[] = [['location_id.usage', '=', 'internal']];
  if (q.productIds) domain.push(['product_id', 'in', q.productIds]);
  if (q.locationIds) domain.push(['location_id', 'in', q.locationIds]);
  const rows = await ops.conn.call<QuantRow[]>('stock.quant', 'search_read', {
    domain,
    fields: QUANT_FIELDS,
  });
  return group(ops, rows);
}

/**
 * Records written at or after the cursor's second. `>=` and not `>`: Odoo answers write_date to the
 * second while the database compares microseconds, so `write_date > '…:43'` also matches what was
 * written during …:43 and `= '…:43'` matches nothing (real Odoo 17 returned a feed's last record
 * again). What the cursor already delivered in that second is dropped client-side (`unseen`).
 */
function after(cursor: Cursor | null): unknown[] {
  return cursor ? [['write_date', '>=', cursor.writeDate]] : [];
}

function seen(cursor: Cursor | null): (row: { id: number; write_date: string }) => boolean {
  if (!cursor) return () => false;
  const ids = cursor.seenIds ? new Set(cursor.seenIds) : undefined;
  return (r) => r.write_date === cursor.writeDate && (ids ? ids.has(r.id) : r.id <= cursor.id);
}

/** How many rows to ask for: the page plus what may come back again from the cursor's second. */
function pageLimit(cursor: Cursor | null, limit: number): number {
  return limit + (cursor?.seenIds?.length ?? (cursor ? 1 : 0));
}

function nextCursor<T extends { id: number; write_date: string }>(
  rows: T[],
  prev: Cursor | null,
): Cursor | null {
  const last = rows[rows.length - 1];
  if (!last) return prev;
  const carried = prev && prev.writeDate === last.write_date ? (prev.seenIds ?? [prev.id]) : [];
  const now = rows.filter((r) => r.write_date === last.write_date).map((r) => r.id);
  return { writeDate: last.write_date, id: last.id, seenIds: [...new Set([...carried, ...now])] };
}

/**
 * Positions whose quants changed since the cursor: changed quants are found (1 round trip), then
 * the full position of each changed product and location is re-read (1 more), so sums are exact.
 */
export async function stockChangesSince(
  ops: Ops,
  cursor: Cursor | null,
  limit = 500,
): Promise<Changes<StockPosition>> {
  const asked = pageLimit(cursor, limit);
  const rows = await ops.conn.call<QuantRow[]>('stock.quant', 'search_read', {
    domain: [['location_id.usage', '=', 'internal'], ...after(cursor)],
    fields: QUANT_FIELDS,
    order: 'write_date asc, id asc',
    limit: asked,
  });
  const isSeen = seen(cursor);
  const fresh = rows.filter((r) => !isSeen(r));
  if (!fresh.length) return { items: [], cursor: nextCursor(rows, cursor), more: rows.length === asked };
  const productIds = [...new Set(fresh.map((r) => m2oId(r.product_id) as number))];
  const locations = new Set(fresh.map((r) => `${m2oId(r.product_id)}@${m2oId(r.location_id)}`));
  const all = await readStock(ops, {
    productIds,
    locationIds: [...new Set(fresh.map((r) => m2oId(r.location_id) as number))],
  });
  return {
    items: all.filter((p) => locations.has(`${p.productId}@${p.locationId}`)),
    cursor: nextCursor(rows, cursor),
    more: rows.length === asked,
  };
}

export async function orderChangesSince(
  ops: Ops,
  cursor: Cursor | null,
  limit = 200,
): Promise<Changes<OrderChange>> {
  const rows = await ops.conn.call<
    {
      id: number;
      name: string;
      client_order_ref: string | false;
      origin: string | false;
      state: string;
      invoice_status: string;
      write_date: string;
    }[]
  >('sale.order', 'search_read', {
    domain: after(cursor),
    fields: ['name', 'client_order_ref', 'origin', 'state', 'invoice_status', 'write_date'],
    order: 'write_date asc, id asc',
    limit: pageLimit(cursor, limit),
  });
  const isSeen = seen(cursor);
  return {
    items: rows
      .filter((r) => !isSeen(r))
      .map((r) => ({
        odooId: r.id,
        name: r.name,
        // A B2B order's PO number takes client_order_ref; Ferry's reference is then in origin.
        channelRef: typeof r.origin === 'string' && r.origin.includes(':') ? r.origin : r.client_order_ref,
        state: r.state,
        invoiceStatus: r.invoice_status,
        writeDate: r.write_date,
      })),
    cursor: nextCursor(rows, cursor),
    more: rows.length === pageLimit(cursor, limit),
  };
}
