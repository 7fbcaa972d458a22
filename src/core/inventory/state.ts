/**
 * Stock state in typed arrays indexed by interned SKU and location. At 200,000 SKUs × 10
 * locations a cell costs 20 bytes (three int32s and a float64 as-of) where an object per position
 * would cost well over 100, which is what keeps the benchmark's RSS target (≤ 600 MB) reachable.
 */
import { Interner, grown } from './interner.js';

/** Position and in-flight quantities for every SKU × location. */
export class StockState {
  readonly skus = new Interner();
  readonly categories = new Interner();
  /** Locations are fixed for the life of the state: a cell's offset is `sku * locationCount + loc`. */
  readonly locations: Interner;
  readonly locationCount: number;
  /** Owner system per location index. */
  readonly owners: readonly string[];

  onHand = new Int32Array(0);
  reserved = new Int32Array(0);
  /** As-of of the position held, ms since the epoch; 0 = no position received. */
  asOfMs = new Float64Array(0);
  /** Units accepted by Ferry for this SKU at this location, not yet reserved in Odoo. */
  inFlightAt = new Int32Array(0);
  /** Units accepted by Ferry for this SKU with no location known yet. */
  inFlightAny = new Int32Array(0);
  /** Category index per SKU, -1 for none. */
  category = new Int32Array(0);
  private capacity = 0;

  constructor(owners: readonly { location: string; owner: string }[]) {
    this.locations = new Interner();
    for (const o of owners) this.locations.intern(o.location);
    this.locationCount = this.locations.size;
    this.owners = owners.map((o) => o.owner);
  }

  /** Number of SKUs known. */
  get skuCount(): number {
    return this.skus.size;
  }

  /** The SKU's index, creating its (empty) cells if new. */
  sku(name: string): number {
    const s = this.skus.intern(name);
    if (s >= this.capacity) this.grow(Math.max(1024, this.capacity * 2));
    return s;
  }

  private grow(capacity: number): void {
    const cells = capacity * this.locationCount;
    this.onHand = grown(this.onHand, cells);
    this.reserved = grown(this.reserved, cells);
    this.asOfMs = grown(this.asOfMs, cells);
    this.inFlightAt = grown(this.inFlightAt, cells);
    this.inFlightAny = grown(this.inFlightAny, capacity);
    const oldCap = this.category.length;
    this.category = grown(this.category, capacity);
    this.category.fill(-1, oldCap);
    this.capacity = capacity;
  }

  /**
   * Units free at one location: on hand − reserved in Odoo − accepted by Ferry but not yet
   * reserved there. May be negative (a negative quant, or an over-reservation).
   */
  netAt(s: number, l: number): number {
    const i = s * this.locationCount + l;
    return this.onHand[i]! - this.reserved[i]! - this.inFlightAt[i]!;
  }
}
