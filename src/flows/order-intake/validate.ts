import { FerryError } from '../../core/errors.js';
import { formatMinor } from '../../core/money.js';
import type { Order } from '../../core/model.js';
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

/**
 * Applies SKU mappings (channel SKU → Odoo SKU); a line without a SKU falls back to its variant
 * id (`variant:<id>`), which needs a mapping. Returns the order as Odoo will see it and the highest
 * mapping version used.
 */
export function applySkuMappings(
  order: Order,
  mappings: Map<string, MappingVersion>,
): { order: Order; mappingVersion: number | null } {
  let version: number | null = null;
  const lines = order.lines.map((l) => {
    const key = l.sku ?? (l.channelVariantId ? `variant:${l.channelVariantId}` : undefined);
    const m = key === undefined ? undefined : mappings.get(key);
    if (m) version = Math.max(version ?? 0, m.id);
    return { ...l, sku: m?.value ?? l.sku ?? key };
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
  const lines = mapped.lines
    .map((l, i) => ({ l, orig: original.lines[i]! }))
    .filter(({ l }) => l.sku === undefined || unknown.has(l.sku))
    .map(
      ({ l, orig }) =>
        `line ${l.lineId} SKU "${orig.sku ?? `variant:${orig.channelVariantId}`}"${orig.sku !== l.sku ? ` (mapped to "${l.sku}")` : ''} has no Odoo product`,
    );
  const i = mapped.lines.findIndex((l) => l.sku === undefined || unknown.has(l.sku));
  const first = original.lines[Math.max(0, i)];
  const key = first?.sku ?? `variant:${first?.channelVariantId ?? ''}`;
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
  const skus = order.lines.map((l) => l.sku).filter((s): s is string => !!s);
  const odoo = await prices.prices(skus, order.currency);
  for (const l of order.lines) {
    const expected = l.sku ? odoo.get(l.sku) : undefined;
    if (expected === undefined || expected === 0) continue;
    const diffPct = (Math.abs(l.unitPrice.amountMinor - expected) * 100) / expected;
    if (diffPct > rules.priceTolerancePct) {
      throw ruleFailure(
        ref,
        'price-tolerance',
        `line ${l.lineId} SKU "${l.sku}" price ${formatMinor(l.unitPrice.amountMinor, order.currency)} differs from Odoo's ${formatMinor(expected, order.currency)} by ${diffPct.toFixed(1)}% (tolerance ${rules.priceTolerancePct}%)`,
        'info',
        { sku: l.sku ?? '', line: l.lineId },
      );
    }
  }
}
