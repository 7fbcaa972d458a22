/**
 * One entry for the intake job: an `orders/*` body (raw bytes from the inbox, or a polled order)
 * → canonical order, drift report and the lifecycle state Shopify's statuses imply.
 */
import { parseJsonLossless } from './losslessJson.js';
import { FerryError } from '../../core/errors.js';
import type { Order } from '../../core/model.js';
import { detectShopifyOrderDrift } from './drift.js';
import type { DriftItem } from './drift.js';
import { mapShopifyOrder } from './mapOrder.js';
import type { MapShopifyOrderOptions } from './mapOrder.js';
import { shopifyChannelStatus } from './status.js';
import type { ChannelStatus, ChannelStatusInput } from './status.js';

export interface NormalisedShopifyOrder {
  order: Order;
  /** Differences from the 2026-04 payload; empty when none. Report, never fail on them. */
  drift: DriftItem[];
  channelStatus: ChannelStatus;
  /**
   * The order's version (UTC ISO-8601, = `order.updatedAt`): an event older than the stored state
   * is stale and is recorded, not applied (DESIGN.md §4).
   */
  version: string;
}

/**
 * Parses (when given bytes or text), validates and maps one order.
 *
 * @throws FerryError `payload_invalid` naming the problem: invalid JSON, or each bad field.
 */
export function normaliseShopifyOrder(
  body: Buffer | Uint8Array | string | object,
  options: MapShopifyOrderOptions,
): NormalisedShopifyOrder {
  const json = typeof body === 'string' || body instanceof Uint8Array ? parseJson(body) : body;
  const order = mapShopifyOrder(json, options);
  return {
    order,
    drift: detectShopifyOrderDrift(json),
    channelStatus: shopifyChannelStatus(json as ChannelStatusInput),
    version: order.updatedAt,
  };
}

function parseJson(body: Buffer | Uint8Array | string): unknown {
  const text =
    typeof body === 'string'
      ? body
      : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  try {
    return parseJsonLossless(text);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new FerryError('payload_invalid', `Shopify order: body is not valid JSON (${reason})`, {
      partner: 'shopify',
      details: { bytes: text.length },
    });
  }
}
