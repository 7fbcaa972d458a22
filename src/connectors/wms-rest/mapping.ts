/** From the WMS's JSON to Ferry's canonical model (the flows never see these shapes). */
import type { FulfilmentRequest, InventoryPosition, Shipment } from '../../core/model.js';
import { Shipment as ShipmentSchema } from '../../core/model.js';
import type { WmsInventory, WmsOrderInput, WmsShipment } from './wire.js';

/** The WMS order for a canonical request; `reference` is Ferry's order reference. */
export function requestToWmsOrder(req: FulfilmentRequest): WmsOrderInput {
  const a = req.shipTo;
  return {
    reference: req.orderRef,
    recipient: {
      name: a.name,
      company: a.company,
      address1: a.street,
      address2: a.street2,
      city: a.city,
      state: a.stateCode,
      zip: a.zip,
      country: a.countryCode,
      phone: a.phone,
      email: a.email,
    },
    lines: req.lines.map((l) => ({ line_id: l.lineId, sku: l.warehouseItem ?? l.sku, quantity: l.quantity })),
    ...(req.carrier ? { carrier: req.carrier } : {}),
    ...(req.service ? { service: req.service } : {}),
  };
}

/** Per line: ordered, shipped now, and whether the rest follows. */
export interface WmsShipmentLines {
  readonly sku: string;
  readonly ordered: number;
  readonly shipped: number;
  readonly status: 'complete' | 'backordered' | 'closed' | 'cancelled';
}

/** A WMS shipment as a canonical Shipment plus its per-line statuses. */
export function wmsShipmentToCanonical(
  s: WmsShipment,
  warehouse: string,
): { shipment: Shipment; lines: WmsShipmentLines[] } {
  const tracking = [...new Set(s.packages.flatMap((p) => (p.tracking_number ? [p.tracking_number] : [])))];
  const shipment = ShipmentSchema.parse({
    shipmentId: s.shipment_id,
    orderRef: s.order_reference,
    warehouse,
    lines: s.lines.map((l) => ({ sku: l.sku, quantity: l.shipped })),
    carrier: s.carrier,
    trackingNumbers: tracking,
    trackingUrl: s.tracking_url,
    packages: s.packages.map((p) => ({
      id: p.package_id,
      trackingNumber: p.tracking_number,
      weightGrams: p.weight_grams,
      lines: p.lines,
    })),
    shippedAt: s.shipped_at,
  });
  return { shipment, lines: s.lines };
}

/** A snapshot as positions (absolute levels), `source` = `wms:<warehouse>`. */
export function wmsInventoryToPositions(
  inv: WmsInventory,
  warehouse: string,
  locations: Readonly<Record<string, string>> = {},
): InventoryPosition[] {
  return inv.items.map((i) => ({
    sku: i.sku,
    location: locations[inv.location] ?? inv.location,
    onHand: i.on_hand,
    reserved: Math.max(0, i.on_hand - i.available),
    available: i.available,
    asOf: inv.as_of,
    source: `wms:${warehouse}`,
  }));
}
