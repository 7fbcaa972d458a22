/** The oversell guard at intake: an order line takes at most what its channel can promise now. */
import { FerryError } from '../errors.js';
import type { CompiledChannel } from './channels.js';
import type { InFlightBook } from './inflight.js';
import { allocate } from './rules.js';
import type { StockState } from './state.js';
import type { OrderLineQty, ReserveLineResult, ReserveRequest } from './types.js';

/**
 * Decides each line in order and holds its in-stock units at once, so a second line (or order)
 * for the same SKU sees the first. A line is capped by the channel's available-to-promise, which
 * already subtracts every channel's in-flight units, and, when the order names a location, by
 * what is free there. An unknown SKU is short in full and creates no state.
 */
export function reserveLines(
  state: StockState,
  book: InFlightBook,
  channel: CompiledChannel,
  request: ReserveRequest,
): ReserveLineResult[] {
  for (const line of request.lines) validateLine(state, request.orderId, line);
  return request.lines.map((line) => {
    const s = state.skus.find(line.sku);
    if (s < 0) return { sku: line.sku, requested: line.qty, inStock: 0, short: line.qty, atpBefore: 0 };
    const l = line.location === undefined ? -1 : state.locations.find(line.location);
    const atp = allocate(channel.pool(s), channel.ruleFor(s));
    const cap = l < 0 ? atp : Math.min(atp, state.netAt(s, l) - state.inFlightAny[s]!);
    const inStock = Math.max(0, Math.min(line.qty, cap));
    book.hold(request.orderId, s, l, inStock);
    return { sku: line.sku, requested: line.qty, inStock, short: line.qty - inStock, atpBefore: atp };
  });
}

/** Refuses the whole order before anything is held, so a bad line never leaves half an order in flight. */
export function validateLine(state: StockState, orderId: string, line: OrderLineQty): void {
  if (!Number.isInteger(line.qty) || line.qty <= 0) {
    throw new FerryError(
      'bad_request',
      `order ${orderId}: quantity of ${line.sku} must be a positive integer`,
      {
        entities: { orderId, sku: line.sku },
      },
    );
  }
  if (line.location !== undefined && state.locations.find(line.location) < 0) {
    throw new FerryError('bad_request', `order ${orderId}: unknown location ${line.location}`, {
      entities: { orderId, location: line.location },
    });
  }
}
