/**
 * In-flight reservations: units of orders Ferry accepted that Odoo has not reserved yet. Odoo
 * confirms about 3–4 orders a second on 2 cores (DESIGN.md §6), so during a burst the positions
 * lag the orders by seconds to minutes; subtracting in-flight units is what keeps two channels
 * from selling the same last unit in that window.
 */
import type { StockState } from './state.js';

/** One in-flight line, in interned indices. */
interface HeldLine {
  readonly sku: number;
  /** Location index, or -1 when Odoo has not said where it will reserve. */
  readonly location: number;
  readonly qty: number;
}

/** Orders held in flight, with their lines, aggregated into the state's in-flight arrays. */
export class InFlightBook {
  private readonly orders = new Map<string, HeldLine[]>();

  constructor(private readonly state: StockState) {}

  /** Whether an order is held. */
  has(orderId: string): boolean {
    return this.orders.has(orderId);
  }

  /** Number of orders held. */
  get size(): number {
    return this.orders.size;
  }

  /** Adds a line to an order (creating it), counting its units against the SKU. */
  hold(orderId: string, sku: number, location: number, qty: number): void {
    let lines = this.orders.get(orderId);
    if (!lines) this.orders.set(orderId, (lines = []));
    if (qty <= 0) return;
    lines.push({ sku, location, qty });
    this.adjust(sku, location, qty);
  }

  /**
   * Releases an order's lines (all, or only those for `skus`): Odoo reserved them, so its
   * positions now carry them, or the order was cancelled or rejected. Returns the SKU indices touched.
   */
  release(orderId: string, skus?: ReadonlySet<number>): number[] {
    const lines = this.orders.get(orderId);
    if (!lines) return [];
    const touched: number[] = [];
    const kept: HeldLine[] = [];
    for (const line of lines) {
      if (skus && !skus.has(line.sku)) {
        kept.push(line);
        continue;
      }
      this.adjust(line.sku, line.location, -line.qty);
      touched.push(line.sku);
    }
    if (kept.length > 0) this.orders.set(orderId, kept);
    else this.orders.delete(orderId);
    return touched;
  }

  private adjust(sku: number, location: number, delta: number): void {
    if (location < 0) this.state.inFlightAny[sku]! += delta;
    else this.state.inFlightAt[sku * this.state.locationCount + location]! += delta;
  }
}
