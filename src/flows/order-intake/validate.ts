import { FerryError } from '../../core/errors.js';
import { formatMinor } from '../../core/money.js';
import type { Order, OrderLine } from '../../core/model.js';
import { resolvedSku } from '../../core/orderMath.js';
import type { MappingVersion } from '../../store/orders/index.js';
import type { ChannelRules, PriceSource } from './deps.js';

/** A rule failure names the rule, the line and the values (DESIGN.md §5). */
export function ruleFailure(
  ref: string,
  rule: string,
  message: string,
  impact: 'blocks-shipment' | 'oversell-risk' | 'info',
  entities: Record<string, string | number> = {},
): FerryError {
  return new FerryError(
    rule === 'sku-mapping' ? 'mapping_missing' : 'rule_failed',
    `order ${ref}: rule ${rule}: ${message}`,
    { impact, entities: { order: ref, rule, ...entities } },
  );
}

/** Currency allowed for the channel. */
export function checkCurrency(ref: string, order: Order, rules: ChannelRules): void {
  if (!rules.currencies.includes(order.currency)) {
    throw ruleFailure(
      ref,
      'currency',
      `currency ${order.currency} is not accepted from channel ${order.channel} (allowed: ${rules.currencies.join(', ')})`,
      'blocks-shipment',
      { currency: order.currency },
    );
  }
}

/** The mapping key of a catalogue line: its channel SKU, else `variant:<id>`. */
export function mappingKey(l: OrderLine): string | undefined {
  return l.sku ?? (l.channelVariantId ? `variant:${l.channelVariantId}` : undefined);
}

/**
 * Resolves each catalogue line's SKU once (channel SKU or variant → SKU mapping → Ferry's SKU) and
 * keeps it on the line (`resolved`), so the Odoo order, the warehouse release and every later step
 * read the same SKU. Lines that are not catalogue products (custom items, gift cards, tips) are
 * never looked up. Returns the order with its resolutions and the highest mapping version used.
 */
export function applySkuMappings(
  order: Order,
  mappings: Map<string, MappingVersion>,
): { order: Order; mappingVersion: number | null } {
  let version: number | null = null;
  const lines = order.lines.map((l) => {
    if (l.kind !== 'product') return l;
    const key = mappingKey(l);
    const m = key === undefined ? undefined : mappings.get(key);
    if (m) version = Math.max(version ?? 0, m.id);
    const sku = m?.value ?? l.sku;
    const { resolved: _old, ...rest } = l;
    return sku ? { ...rest, resolved: { sku, ...(m ? { mappingVersion: m.id } : {}) } } : rest;
  });
  return { order: { ...order, lines }, mappingVersion: version };
}

/** Names the lines whose SKU Odoo does not know, for the exception a person sees. */
export function describeMissingSkus(
  ref: string,
  original: Order,
  mapped: Order,
  error: FerryError,
): FerryError {
  const unknown = new Set(
    String(error.entities.sku ?? '')
      .split(',')
      .filter(Boolean),
  );
  // A SKU unknown in the order's Odoo company (another company may have it) names that company.
  const company = error.entities.company;
  const where = typeof company === 'number' ? ` in Odoo company ${company}` : '';
  const missing = (l: OrderLine) =>
    l.kind === 'product' &&
    (resolvedSku(l) === undefined ||
      unknown.has(resolvedSku(l)!) ||
      unknown.has(`variant:${l.channelVariantId}`));
  const lines = mapped.lines
    .map((l, i) => ({ l, orig: original.lines[i]! }))
    .filter(({ l }) => missing(l))
    .map(
      ({ l, orig }) =>
        `line ${l.lineId} SKU "${mappingKey(orig) ?? ''}"${resolvedSku(l) !== undefined && orig.sku !== resolvedSku(l) ? ` (mapped to "${resolvedSku(l)}")` : ''} has no Odoo product${where}`,
    );
  const i = mapped.lines.findIndex(missing);
  const first = original.lines[Math.max(0, i)];
  const key = first ? (mappingKey(first) ?? '') : '';
  const how = `add a mapping (ferry mappings set sku ${original.channel} ${key} <Odoo SKU>) or the product in Odoo, then replay (ferry exceptions replay <id>)`;
  return ruleFailure(ref, 'sku-mapping', `${lines.join('; ') || error.message}; ${how}`, 'blocks-shipment', {
    sku: [...unknown].join(','),
  });
}

/** Channel price within the tolerance of Odoo's price (when a tolerance is configured). */
export async function checkPrices(
  ref: string,
  order: Order,
  rules: ChannelRules,
  prices: PriceSource | undefined,
): Promise<void> {
  if (rules.priceTolerancePct === null || !prices) return;
  const skus = order.lines.map(resolvedSku).filter((s): s is string => !!s);
  const odoo = await prices.prices(skus, order.currency, order);
  for (const l of order.lines) {
    const sku = l.kind === 'product' ? resolvedSku(l) : undefined;
    const expected = sku ? odoo.get(sku) : undefined;
    if (expected === undefined || expected === 0) continue;
    const diffPct = (Math.abs(l.unitPrice.amountMinor - expected) * 100) / expected;
    if (diffPct > rules.priceTolerancePct) {
      throw ruleFailure(
        ref,
        'price-tolerance',
        `line ${l.lineId} SKU "${sku}" price ${formatMinor(l.unitPrice.amountMinor, order.currency)} differs from Odoo's ${formatMinor(expected, order.currency)} by ${diffPct.toFixed(1)}% (tolerance ${rules.priceTolerancePct}%)`,
        'info',
        { sku: sku ?? '', line: l.lineId },
      );
    }
  }
}
