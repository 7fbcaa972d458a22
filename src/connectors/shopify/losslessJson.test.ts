import { describe, expect, it } from 'vitest';
import { mapShopifyOrder } from './mapOrder.js';
import { scanOrderBody } from './bodyScan.js';
import { parseJsonLossless } from './losslessJson.js';
import { usOrder } from './test-helpers/orders.js';

describe('ids above 2^53', () => {
  // Shopify's own test notification uses order id 820982911946154508 (above Number.MAX_SAFE_INTEGER).
  const body = JSON.stringify({
    ...usOrder(),
    id: '@',
    cancel_reason: 'fraud',
    cancelled_at: '2026-03-02T10:00:00Z',
  })
    .replace('"@"', '820982911946154508')
    .replace('"id":13001', '"id":866550311766439020');

  it('JSON.parse would round them; the lossless parse keeps every digit', () => {
    expect(String((JSON.parse(body) as { id: number }).id)).not.toBe('820982911946154508');
    const order = mapShopifyOrder(parseJsonLossless(body), { channel: 'shop-us' });
    expect(order.channelOrderId).toBe('820982911946154508');
    expect(order.lines[0]!.lineId).toBe('866550311766439020');
    expect(order.cancelReason).toBe('fraud');
  });

  it('the webhook route reads the same exact id as the ordering key', () => {
    expect(scanOrderBody(Buffer.from(body))).toEqual({ ok: true, id: '820982911946154508' });
  });

  it('leaves strings, fractions and safe integers alone', () => {
    const text = '{"a":"9007199254740993","b":1.5e3,"c":-12,"d":[90071992547409931]}';
    expect(parseJsonLossless(text)).toEqual({
      a: '9007199254740993',
      b: 1500,
      c: -12,
      d: ['90071992547409931'],
    });
  });
});
