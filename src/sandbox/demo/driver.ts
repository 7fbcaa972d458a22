import type { Distributor } from '../distributor.js';
import { generateOrder } from '../shopify/index.js';
import type { ShopifySimulator } from '../shopify/index.js';

/** Order ids the demo scripts something for. */
export const DEMO_SCRIPT = {
  /** This order carries a SKU Odoo does not know: it lands in the exception queue. */
  unknownSku: 3,
  /** Delivered twice with the same event id: the second is a counted duplicate. */
  duplicate: 2,
  /** Its update arrives, then the older version arrives late: recorded and ignored. */
  late: 5,
  /** Cancelled by the customer shortly after it was placed. */
  cancelled: 7,
} as const;

export const UNKNOWN_SKU = 'LEGACY-0042';

/**
 * Drives a distributor's day: new orders on the stores at a steady rate, with the scripted
 * moments above. Each call to `next()` places one order (and whatever the script adds to it).
 */
export class DemoDriver {
  private n = 0;
  private readonly stores: [string, ShopifySimulator][];
  readonly baseId: number;

  constructor(private readonly dist: Distributor) {
    this.stores = [...dist.shops.entries()];
    this.baseId = 1000 + (Date.now() % 100_000) * 10;
  }

  /** Shopify order id of the demo's nth order. */
  orderId(n: number): number {
    return this.baseId + n;
  }

  async next(): Promise<{ store: string; id: number }> {
    this.n += 1;
    const n = this.n;
    const [storeId, shop] = this.stores[n % this.stores.length]!;
    const id = this.orderId(n);
    const json = generateOrder({
      id,
      catalogue: this.dist.catalogue,
      lines: 1 + (n % 3),
      createdAt: new Date().toISOString(),
    });
    if (n === DEMO_SCRIPT.unknownSku) (json.line_items as { sku: string }[])[0]!.sku = UNKNOWN_SKU;
    const delivery = shop.createOrder(json);
    const report = await shop.webhooks!.send(delivery);
    if (n === DEMO_SCRIPT.duplicate) await shop.webhooks!.send(delivery, report.webhookId);
    if (n === DEMO_SCRIPT.late) {
      const older = shop.delivery('orders/updated', structuredClone(json));
      await shop.webhooks!.send(shop.updateOrder(id, { note: 'please leave at the door' }));
      await shop.webhooks!.send(older);
    }
    if (n === DEMO_SCRIPT.cancelled)
      setTimeout(() => void shop.webhooks!.send(shop.cancelOrder(id)), 800).unref();
    return { store: storeId, id };
  }
}
