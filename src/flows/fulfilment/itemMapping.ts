/**
 * A warehouse's own item numbers: a `sku` mapping in the warehouse's scope (`ferry mappings set sku
 * east-3pl SKU-00001 ACME-778812`) puts its item number on the 940 / WMS order, and whatever the
 * warehouse reports back under that number is read as Ferry's SKU again. Without a mapping the SKU
 * goes out and comes back as it is.
 */
import { FerryError, Impact } from '../../core/errors.js';
import type { FulfilmentRequest } from '../../core/model.js';
import type { StoreSession } from '../../store/index.js';
import type { ShipmentNotice, WarehouseEvent } from './port.js';

/** The mapping kind; the scope is the warehouse id, the key Ferry's SKU, the value the warehouse's item. */
export const WAREHOUSE_ITEM_MAPPING = 'sku';

type Line = FulfilmentRequest['lines'][number];

/** The lines with the warehouse's item number and the mapping version, where a mapping exists. */
export async function withWarehouseItems(
  store: Pick<StoreSession, 'mappings'>,
  warehouse: string,
  lines: readonly Line[],
): Promise<Line[]> {
  const skus = [...new Set(lines.map((l) => l.sku))];
  const mapped = await store.mappings.currentMappings(WAREHOUSE_ITEM_MAPPING, warehouse, skus);
  return lines.map((l) => {
    const m = mapped.get(l.sku);
    return m?.value ? { ...l, warehouseItem: m.value, mappingVersion: m.id } : l;
  });
}

/** Warehouse item → Ferry SKU; an item two SKUs map to is ambiguous and named in `clashes`. */
async function reverseMap(
  store: Pick<StoreSession, 'mappings'>,
  warehouse: string,
): Promise<{ toSku: Map<string, string>; clashes: Map<string, string[]> }> {
  const toSku = new Map<string, string>();
  const clashes = new Map<string, string[]>();
  for (const [sku, m] of await store.mappings.currentMappings(WAREHOUSE_ITEM_MAPPING, warehouse)) {
    const item = m.value!;
    const seen = toSku.get(item);
    if (seen !== undefined) clashes.set(item, [...(clashes.get(item) ?? [seen]), sku]);
    toSku.set(item, sku);
  }
  return { toSku, clashes };
}

function translateNotice(n: ShipmentNotice, sku: (item: string) => string): ShipmentNotice {
  const s = n.shipment;
  return {
    shipment: {
      ...s,
      lines: s.lines.map((l) => ({ ...l, sku: sku(l.sku) })),
      packages: s.packages.map((p) => ({ ...p, lines: p.lines.map((l) => ({ ...l, sku: sku(l.sku) })) })),
    },
    lines: n.lines.map((l) => ({ ...l, sku: sku(l.sku) })),
  };
}

function translate(e: WarehouseEvent, sku: (item: string) => string): WarehouseEvent {
  switch (e.kind) {
    case 'shipment':
      return { ...e, notice: translateNotice(e.notice, sku) };
    case 'inventory':
      return { ...e, positions: e.positions.map((p) => ({ ...p, sku: sku(p.sku) })) };
    case 'receipt':
      return {
        ...e,
        receipt: { ...e.receipt, lines: e.receipt.lines.map((l) => ({ ...l, sku: sku(l.sku) })) },
      };
    case 'cancelled':
      return e.skus ? { ...e, skus: e.skus.map(sku) } : e;
    case 'acknowledged':
    case 'problem':
      return e;
  }
}

function itemsOf(e: WarehouseEvent): string[] {
  switch (e.kind) {
    case 'shipment':
      return e.notice.lines.map((l) => l.sku).concat(e.notice.shipment.lines.map((l) => l.sku));
    case 'inventory':
      return e.positions.map((p) => p.sku);
    case 'receipt':
      return e.receipt.lines.map((l) => l.sku);
    case 'cancelled':
      return [...(e.skus ?? [])];
    case 'acknowledged':
    case 'problem':
      return [];
  }
}

/**
 * The events with the warehouse's item numbers read as Ferry's SKUs. An event naming an item that
 * two SKUs map to cannot be read safely: it becomes a problem for a person, the others go on.
 */
export async function withFerrySkus(
  store: Pick<StoreSession, 'mappings'>,
  warehouse: string,
  events: readonly WarehouseEvent[],
): Promise<WarehouseEvent[]> {
  if (!events.some((e) => itemsOf(e).length > 0)) return [...events];
  const { toSku, clashes } = await reverseMap(store, warehouse);
  if (toSku.size === 0) return [...events];
  const sku = (item: string) => toSku.get(item) ?? item;
  return events.map((e) => {
    const clash = itemsOf(e).find((i) => clashes.has(i));
    if (clash === undefined) return translate(e, sku);
    const skus = clashes.get(clash)!.join(', ');
    return {
      kind: 'problem',
      error: new FerryError(
        'mapping_missing',
        `warehouse ${warehouse} reported item ${clash}, which the SKU mappings of ${warehouse} give to several SKUs (${skus}); make the mapping one to one`,
        {
          impact: Impact.blocksShipment,
          partner: `wms:${warehouse}`,
          entities: { warehouse, item: clash },
        },
      ),
    };
  });
}
