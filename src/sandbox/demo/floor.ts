import type { Distributor } from '../distributor.js';

/** Which shipment (counted across both warehouses) the demo ships split or short. */
export const FLOOR_SCRIPT = {
  /** Packed in two cartons, each with its own tracking number. */
  split: 2,
  /** One unit of the first line stays behind: a short shipment with a backorder. */
  short: 4,
} as const;

/**
 * The warehouses' floor: every tick, orders the 3PL and the WMS have received are picked, packed
 * and shipped — most complete, one split into cartons, one short — and the warehouses report
 * back (945 over SFTP, signed webhook) as they would.
 */
export class WarehouseFloor {
  private shipped = 0;
  private readonly done = new Set<string>();
  private busy = false;
  private readonly seen = new Map<string, number>();

  /** Picking and packing take a moment: an order ships `dwellMs` after the warehouse got it. */
  private ready(key: string): boolean {
    const now = Date.now();
    const first = this.seen.get(key) ?? now;
    this.seen.set(key, first);
    return now - first >= this.dwellMs;
  }

  constructor(
    private readonly dist: Distributor,
    private readonly dwellMs = 2500,
  ) {}

  async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      await this.ship3pl();
      await this.shipWms();
    } finally {
      this.busy = false;
    }
  }

  private plan(): { cartons?: number; short?: boolean } {
    this.shipped += 1;
    if (this.shipped === FLOOR_SCRIPT.split) return { cartons: 2 };
    if (this.shipped === FLOOR_SCRIPT.short) return { short: true };
    return {};
  }

  private async ship3pl(): Promise<void> {
    const tpl = this.dist.threePl;
    if (!tpl) return;
    for (const [ref, o] of tpl.orders) {
      if (o.status !== 'open' || this.done.has(`3pl:${ref}`) || !this.ready(`3pl:${ref}`)) continue;
      this.done.add(`3pl:${ref}`);
      const p = this.plan();
      const first = o.order.lines[0];
      const quantities =
        p.short && first && first.quantity > 1 ? { [first.sku]: first.quantity - 1 } : undefined;
      await tpl.ship(ref, {
        ...(p.cartons ? { cartons: p.cartons } : {}),
        ...(quantities ? { quantities } : {}),
      });
    }
  }

  private async shipWms(): Promise<void> {
    const wms = this.dist.wms;
    if (!wms) return;
    for (const [ref, o] of wms.state.orders) {
      if (o.status !== 'received' || this.done.has(`wms:${ref}`) || !this.ready(`wms:${ref}`)) continue;
      this.done.add(`wms:${ref}`);
      this.plan();
      await wms.ship(ref);
    }
  }
}
