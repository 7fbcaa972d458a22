/**
 * The carrier a warehouse names, as the channel and Odoo show it. A warehouse reports a code (a
 * SCAC such as `UPSN`, or its own word); Ferry reads it through the `carrier` mappings — the
 * warehouse's own scope first (`ferry mappings set carrier east-3pl ZZPOST "Zig Zag Post"`), then
 * the scope every warehouse shares (`*`) — and falls back to the configured `carrierNames`.
 *
 * A code nobody mapped or named never holds tracking back: the shipment goes out with the code as
 * the company, and a job records it (`carrierUnmappedJob`) as an `info` exception, so a person sees
 * it under mapping completeness, maps it for the shipments that follow, and replays to close it.
 */
import { z } from 'zod';
import { FerryError, Impact } from '../../core/errors.js';
import { defineTask, type AnyTask } from '../../engine/index.js';
import type { NewJob, StoreSession } from '../../store/index.js';
import { SHIPMENTS_LANE, type WarehouseRules } from '../fulfilment/index.js';

/** The mapping kind; the scope is the warehouse id (or `*`), the key its carrier code, the value the name. */
export const CARRIER_MAPPING = 'carrier';
/** The scope of carrier mappings every warehouse shares. */
export const EVERY_WAREHOUSE = '*';
export const CARRIER_UNMAPPED_TASK = 'shipment.carrier-unmapped';

/** A warehouse's carrier code read as a name, and where the name came from. */
export interface ResolvedCarrier {
  code: string;
  name: string;
  /** `mapping` (with its scope and version id), `configuration` (carrierNames, or a configured name sent as it is), `unmapped`. */
  source: 'mapping' | 'configuration' | 'unmapped';
  scope?: string;
  /** The id of the mapping version used, as every processed record names it. */
  mappingVersion?: number;
}

/**
 * A code that is already one of the configured names (`UPS`, which `UPSN` maps to) needs no mapping.
 * Own keys only: the code is the warehouse's word, and `constructor` or `__proto__` is no carrier.
 */
function configuredName(rules: WarehouseRules, code: string): string | undefined {
  if (Object.hasOwn(rules.carrierNames, code)) return rules.carrierNames[code];
  if (Object.values(rules.carrierNames).includes(code) || Object.hasOwn(rules.trackingUrls, code))
    return code;
  return undefined;
}

/** Resolves the warehouse's carrier code; undefined when the shipment names no carrier. */
export async function resolveCarrier(
  store: Pick<StoreSession, 'mappings'>,
  rules: WarehouseRules,
  warehouse: string,
  code: string | undefined,
): Promise<ResolvedCarrier | undefined> {
  if (code === undefined || code === '') return undefined;
  for (const scope of [warehouse, EVERY_WAREHOUSE]) {
    const m = (await store.mappings.currentMappings(CARRIER_MAPPING, scope, [code])).get(code);
    if (m?.value) return { code, name: m.value, source: 'mapping', scope, mappingVersion: m.id };
  }
  const named = configuredName(rules, code);
  if (named !== undefined) return { code, name: named, source: 'configuration' };
  return { code, name: code, source: 'unmapped' };
}

const Payload = z.object({
  warehouse: z.string(),
  carrier: z.string(),
  orderRef: z.string(),
  shipmentId: z.string(),
});
type Payload = z.infer<typeof Payload>;

/** The job that records an unmapped carrier of one shipment (once per shipment). */
export function carrierUnmappedJob(p: Payload): NewJob {
  return {
    lane: SHIPMENTS_LANE,
    task: CARRIER_UNMAPPED_TASK,
    payload: p,
    idempotencyKey: `carrier-unmapped:${p.warehouse}:${p.shipmentId}`,
    partner: `wms:${p.warehouse}`,
  };
}

/** The exception's words; `ferry mappings set …` is how mapping completeness reads the gap. */
export function carrierUnmappedError(p: Payload): FerryError {
  return new FerryError(
    'mapping_missing',
    `warehouse ${p.warehouse} shipped order ${p.orderRef} (shipment ${p.shipmentId}) with carrier "${p.carrier}", which no carrier mapping or configured name covers; the tracking went out with "${p.carrier}" as the carrier. Map it for the shipments that follow (ferry mappings set carrier ${p.warehouse} ${p.carrier} <carrier name>, or scope * for every warehouse), then replay to close this`,
    {
      impact: Impact.info,
      partner: `wms:${p.warehouse}`,
      entities: {
        warehouse: p.warehouse,
        carrier: p.carrier,
        orderRef: p.orderRef,
        shipmentId: p.shipmentId,
      },
    },
  );
}

/**
 * `shipment.carrier-unmapped {warehouse, carrier, orderRef, shipmentId}`: an exception of impact
 * `info` while the code is still unmapped; once a mapping or a configured name covers it, a replay
 * completes and closes it.
 */
export function carrierUnmappedTask(rules: WarehouseRules): AnyTask {
  return defineTask({
    name: CARRIER_UNMAPPED_TASK,
    lane: SHIPMENTS_LANE,
    payload: Payload,
    impact: Impact.info,
    handle: async (ctx) => {
      const p = ctx.payload;
      const r = await resolveCarrier(ctx.store, rules, p.warehouse, p.carrier);
      if (r?.source === 'unmapped') throw carrierUnmappedError(p);
    },
  });
}
