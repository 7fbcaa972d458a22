/** Shopify as an order source: an `orders/*` body (webhook or polled) → canonical order. */
import type { NormalisedOrder, OrderSource } from '../../../core/channel/index.js';
import { FerryError } from '../../../core/errors.js';
import { detectShopifyOrderDrift } from '../drift.js';
import { parseJsonLossless } from '../losslessJson.js';
import { mapShopifyOrder } from '../mapOrder.js';

/** Normalises the channel's stored messages; ids above 2^53 stay exact (lossless parse). */
export class ShopifyOrderSource implements OrderSource {
  constructor(private readonly channel: string) {}

  normalise(body: string): NormalisedOrder {
    let json: unknown;
    try {
      json = parseJsonLossless(body);
    } catch (e) {
      throw new FerryError('payload_invalid', `Shopify order is not JSON: ${(e as Error).message}`, {
        partner: `shopify:${this.channel}`,
      });
    }
    const order = mapShopifyOrder(json, { channel: this.channel });
    return { order, drift: detectShopifyOrderDrift(json).map((d) => d.path) };
  }
}
