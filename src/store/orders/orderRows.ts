import type { Selectable } from 'kysely';
import type { OrdersTable } from '../schema.js';

export interface OrderRow {
  id: number;
  ref: string;
  channel: string;
  channelOrderId: string;
  state: string;
  channelUpdatedAt: string;
  canonical: unknown;
  odooId: number | null;
  odooName: string | null;
  mappingVersion: number | null;
  createdAt: number;
  updatedAt: number;
}

export function toOrder(r: Selectable<OrdersTable>): OrderRow {
  return {
    id: Number(r.id),
    ref: r.ref,
    channel: r.channel,
    channelOrderId: r.channel_order_id,
    state: r.state,
    channelUpdatedAt: r.channel_updated_at,
    canonical: JSON.parse(r.canonical) as unknown,
    odooId: r.odoo_id === null ? null : Number(r.odoo_id),
    odooName: r.odoo_name,
    mappingVersion: r.mapping_version === null ? null : Number(r.mapping_version),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}
