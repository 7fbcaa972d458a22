/** Builders shared by the inventory tests. */
import type { InventoryPosition } from '../../model.js';
import { InventoryEngine } from '../engine.js';
import type { ChannelRulesInput, InventoryConfigInput } from '../rules.js';

/** Two Odoo warehouses and a 3PL whose positions its WMS owns. */
export const LOCATIONS = [
  { location: 'WH-EAST', owner: 'odoo' },
  { location: 'WH-WEST', owner: 'odoo' },
  { location: '3PL', owner: 'wms:acme' },
] as const;

let tick = 0;

/** A position from the location's owner, each newer than the last unless `asOf` is given. */
export function pos(
  sku: string,
  location: string,
  onHand: number,
  reserved = 0,
  extra: Partial<InventoryPosition> = {},
): InventoryPosition {
  const owner = LOCATIONS.find((l) => l.location === location)?.owner ?? 'odoo';
  tick += 1;
  return {
    sku,
    location,
    onHand,
    reserved,
    available: onHand - reserved,
    asOf: new Date(Date.UTC(2026, 0, 1) + tick * 1000).toISOString(),
    source: owner,
    ...extra,
  };
}

/** An engine over {@link LOCATIONS} with the given channels (default: one channel selling everywhere). */
export function engineWith(
  channels: ChannelRulesInput[] = [
    { channel: 'shop', version: 'v1', locations: ['WH-EAST', 'WH-WEST', '3PL'] },
  ],
): InventoryEngine {
  const config: InventoryConfigInput = { locations: [...LOCATIONS], channels };
  return new InventoryEngine(config);
}

/** A channel rule set selling from every location, with the given default rule. */
export function channel(
  name: string,
  rule: ChannelRulesInput['rule'] = {},
  more: Partial<ChannelRulesInput> = {},
): ChannelRulesInput {
  return { channel: name, version: `${name}-v1`, locations: ['WH-EAST', 'WH-WEST', '3PL'], rule, ...more };
}
