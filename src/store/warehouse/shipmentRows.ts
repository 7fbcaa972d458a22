import type { Selectable } from 'kysely';
import type { WarehouseShipmentsTable } from '../schema.js';

/**
 * A warehouse shipment and how far its sync got. State: received → odoo_done → channel_done →
 * done. `channelSnapshot` holds what the channel had open before our fulfilment call, so a retry
 * can tell whether the first call landed (the channel has no idempotency key).
 */
export interface ShipmentRow {
  id: number;
  warehouse: string;
  shipmentId: string;
  orderRef: string;
  state: string;
  notice: unknown;
  pickingId: number | null;
  odooDoneAt: number | null;
  channelSnapshot: unknown;
  channelDoneAt: number | null;
  channelFulfillmentId: string | null;
  createdAt: number;
}

const num = (v: number | null): number | null => (v === null ? null : Number(v));

export function toShipment(r: Selectable<WarehouseShipmentsTable>): ShipmentRow {
  return {
    id: Number(r.id),
    warehouse: r.warehouse,
    shipmentId: r.shipment_id,
    orderRef: r.order_ref,
    state: r.state,
    notice: JSON.parse(r.notice) as unknown,
    pickingId: num(r.picking_id),
    odooDoneAt: num(r.odoo_done_at),
    channelSnapshot: r.channel_snapshot === null ? null : (JSON.parse(r.channel_snapshot) as unknown),
    channelDoneAt: num(r.channel_done_at),
    channelFulfillmentId: r.channel_fulfillment_id,
    createdAt: Number(r.created_at),
  };
}
