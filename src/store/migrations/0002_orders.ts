import type { Migration } from './types.js';

/**
 * Orders with their lifecycle state and history, the cross-references that let any system's id
 * find an order, versioned mappings, and the cursors of polls.
 */
const tables = (t: { id: string; bigint: string }): string[] => [
  `create table orders (
    id ${t.id},
    ref text not null unique,
    channel text not null,
    channel_order_id text not null,
    state text not null,
    channel_updated_at text not null,
    canonical text not null,
    odoo_id ${t.bigint},
    odoo_name text,
    mapping_version integer,
    created_at ${t.bigint} not null,
    updated_at ${t.bigint} not null,
    unique (channel, channel_order_id)
  )`,
  `create index orders_state on orders (state)`,
  `create table order_refs (
    ref_key text primary key,
    order_id ${t.bigint} not null
  )`,
  `create index order_refs_order on order_refs (order_id)`,
  `create table order_events (
    id ${t.id},
    order_id ${t.bigint} not null,
    at ${t.bigint} not null,
    type text not null,
    from_state text,
    to_state text,
    source text,
    detail text
  )`,
  `create index order_events_order on order_events (order_id, id)`,
  `create table mappings (
    id ${t.id},
    kind text not null,
    scope text not null,
    key text not null,
    value text,
    version integer not null,
    created_at ${t.bigint} not null,
    created_by text not null
  )`,
  `create unique index mappings_version on mappings (kind, scope, key, version)`,
  `create table cursors (
    name text primary key,
    value text not null,
    updated_at ${t.bigint} not null
  )`,
];

export const m0002: Migration = {
  version: 2,
  name: 'orders, order cross-references and history, mappings, poll cursors',
  sqlite: tables({ id: 'integer primary key autoincrement', bigint: 'integer' }),
  postgres: tables({ id: 'bigint generated always as identity primary key', bigint: 'bigint' }),
};
