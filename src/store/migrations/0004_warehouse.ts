import type { Migration } from './types.js';

/**
 * Warehouses (issue 5): what was released to which warehouse and whether it was acknowledged,
 * shipments with the progress of each sync step (so a retry never repeats a finished step), X12
 * control numbers per partner, every outbound interchange stored before it is sent (a retry
 * re-sends the same bytes and ISA13, which the partner recognises as a duplicate), the 997
 * ledger, and inventory snapshots and receipts as the warehouses reported them.
 */
const tables = (t: { id: string; bigint: string }): string[] => [
  `create table warehouse_releases (
    id ${t.id},
    order_ref text not null,
    warehouse text not null,
    state text not null,
    request text not null,
    external_ref text,
    ack_due_at ${t.bigint},
    acked_at ${t.bigint},
    alerted_at ${t.bigint},
    created_at ${t.bigint} not null,
    updated_at ${t.bigint} not null,
    unique (order_ref, warehouse)
  )`,
  `create index warehouse_releases_due on warehouse_releases (state, ack_due_at)`,
  `create table warehouse_shipments (
    id ${t.id},
    warehouse text not null,
    shipment_id text not null,
    order_ref text not null,
    state text not null,
    notice text not null,
    picking_id ${t.bigint},
    odoo_done_at ${t.bigint},
    channel_snapshot text,
    channel_done_at ${t.bigint},
    channel_fulfillment_id text,
    created_at ${t.bigint} not null,
    updated_at ${t.bigint} not null,
    unique (warehouse, shipment_id)
  )`,
  `create index warehouse_shipments_order on warehouse_shipments (order_ref)`,
  `create table x12_control_numbers (
    partner text not null,
    kind text not null,
    last_issued ${t.bigint} not null,
    primary key (partner, kind)
  )`,
  `create table x12_outbound (
    id ${t.id},
    partner text not null,
    purpose text not null,
    control_number text not null,
    content text not null,
    groups text not null,
    sent_at ${t.bigint},
    created_at ${t.bigint} not null,
    unique (partner, purpose)
  )`,
  `create table x12_ack_ledger (
    partner text not null,
    functional_id text not null,
    group_control text not null,
    interchange_control text not null,
    sets text not null,
    sent_at ${t.bigint} not null,
    ack_due_at ${t.bigint},
    acked_at ${t.bigint},
    ack_status text,
    alerted_at ${t.bigint},
    primary key (partner, functional_id, group_control)
  )`,
  `create index x12_ack_ledger_due on x12_ack_ledger (acked_at, ack_due_at)`,
  `create table warehouse_events (
    id ${t.id},
    warehouse text not null,
    kind text not null,
    event_key text not null unique,
    payload text not null,
    at ${t.bigint} not null
  )`,
];

export const m0004: Migration = {
  version: 4,
  name: 'warehouse releases, shipments, X12 control numbers, outbound interchanges, 997 ledger',
  sqlite: tables({ id: 'integer primary key autoincrement', bigint: 'integer' }),
  postgres: tables({ id: 'bigint generated always as identity primary key', bigint: 'bigint' }),
};
