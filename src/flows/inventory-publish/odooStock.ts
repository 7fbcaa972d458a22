/**
 * Odoo's stock.quant positions into the engine: the change-feed poll (incremental) and the full
 * read (start-up and scheduled resync). A position's as-of is when the read began, not when it
 * ended: a reservation Odoo committed before that instant is certainly in the answer, which is
 * what releasing in-flight holds relies on.
 */
import type { PositionBatchResult } from '../../core/inventory/index.js';
import type { InventoryPosition } from '../../core/model.js';
import type { Cursor, OdooStock, StockPosition } from '../../connectors/odoo/index.js';
import type { InventoryRuntime } from './runtime.js';

/** What one poll or read did. */
export interface StockReadResult {
  pages: number;
  positions: PositionBatchResult;
  /** In-flight orders released because Odoo's reservation is now in the positions. */
  released: number;
}

/** Pages read by one poll at most; a poll that stops early continues on the next run. */
const MAX_PAGES_PER_POLL = 100;

/**
 * How far before its cursor each poll starts reading again. Odoo's write_date has second
 * precision and is the time the writing transaction began, so a quant written in the cursor's own
 * second (with a lower id), or by a transaction that began earlier and committed later, sorts
 * before the cursor and a strict "after the cursor" read never returns it. Re-reading the last
 * minute costs one page of unchanged positions, which the engine ignores.
 */
const POLL_OVERLAP_MS = 60_000;

/** Odoo datetimes are UTC `YYYY-MM-DD HH:MM:SS`. */
function overlapped(cursor: Cursor | null): Cursor | null {
  if (!cursor) return null;
  const ms = Date.parse(`${cursor.writeDate.replace(' ', 'T')}Z`);
  if (!Number.isFinite(ms)) return cursor;
  const back = new Date(ms - POLL_OVERLAP_MS).toISOString();
  return { writeDate: `${back.slice(0, 10)} ${back.slice(11, 19)}`, id: 0 };
}

/**
 * Odoo positions for the locations Odoo owns in the engine's configuration; quants at other
 * locations (Odoo's view of a WMS-owned one, or an unconfigured one) are left out, not refused.
 */
export function toPositions(
  items: readonly StockPosition[],
  asOfMs: number,
  ownsLocation: (location: string) => boolean,
): InventoryPosition[] {
  const asOf = new Date(asOfMs).toISOString();
  const out: InventoryPosition[] = [];
  for (const p of items) {
    if (p.sku === false || !ownsLocation(p.location)) continue;
    out.push({
      sku: p.sku,
      location: p.location,
      onHand: Math.trunc(p.onHand),
      reserved: Math.trunc(p.reserved),
      available: Math.trunc(p.onHand - p.reserved),
      asOf,
      source: 'odoo',
    });
  }
  return out;
}

function merge(a: PositionBatchResult, b: PositionBatchResult): PositionBatchResult {
  return {
    changed: a.changed + b.changed,
    unchanged: a.unchanged + b.unchanged,
    stale: a.stale + b.stale,
    refused: [...a.refused, ...b.refused],
  };
}

const EMPTY: PositionBatchResult = { changed: 0, unchanged: 0, stale: 0, refused: [] };

/**
 * Applies stock.quant changes since the runtime's cursor (everything on the first run), then
 * releases in-flight orders Odoo had accepted before the read began.
 */
export async function pollOdooStock(
  rt: InventoryRuntime,
  odoo: OdooStock,
  ownsLocation: (location: string) => boolean,
): Promise<StockReadResult> {
  const startedAt = rt.deps.clock.now();
  const first = rt.odooCursor === null;
  let positions = EMPTY;
  let pages = 0;
  let more = true;
  while (more && pages < MAX_PAGES_PER_POLL) {
    const from = pages === 0 ? overlapped(rt.odooCursor) : rt.odooCursor;
    const page = await odoo.stockChangesSince(from, rt.deps.pollPageSize ?? 2000);
    pages++;
    positions = merge(positions, rt.engine.applyPositions(toPositions(page.items, startedAt, ownsLocation)));
    rt.odooCursor = page.cursor;
    more = page.more;
  }
  if (first && !more) rt.markLoaded();
  if (positions.changed) rt.requestPublish();
  // A poll cut short has not seen every change since the orders were accepted.
  const released = more ? 0 : await rt.releaseSettled(startedAt);
  return { pages, positions, released };
}

/** Reads every position Odoo holds (the scheduled drift correction) and applies it. */
export async function readAllOdooStock(
  rt: InventoryRuntime,
  odoo: OdooStock,
  ownsLocation: (location: string) => boolean,
): Promise<StockReadResult> {
  const startedAt = rt.deps.clock.now();
  const items = await odoo.readStock();
  const positions = rt.engine.applyPositions(toPositions(items, startedAt, ownsLocation));
  rt.markLoaded();
  if (positions.changed) rt.requestPublish();
  const released = await rt.releaseSettled(startedAt);
  return { pages: 1, positions, released };
}
