import type { Migration } from './types.js';

/**
 * Inventory publishing (issue 6): every value published to a channel with the inputs and rule
 * version that produced it (`ferry inventory explain`), the value each channel was last told
 * (reloaded at start so a restart does not republish the whole catalogue), and positions of
 * WMS-owned locations, which arrive pushed (846, inventory events) and cannot be re-read.
 */
const tables = (t: { id: string; bigint: string }): string[] => [
  `create table inventory_publications (
    id ${t.id},
    channel text not null,
    sku text not null,
    value integer not null,
    change_from integer,
    rule_version text not null,
    inputs text not null,
    idempotency_key text not null,
    published_at ${t.bigint} not null
  )`,
  `create index inventory_publications_sku on inventory_publications (channel, sku, id)`,
  `create table inventory_published (
    channel text not null,
    sku text not null,
    value integer not null,
    publication_id ${t.bigint},
    updated_at ${t.bigint} not null,
    primary key (channel, sku)
  )`,
  `create table inventory_positions (
    sku text not null,
    location text not null,
    source text not null,
    on_hand integer not null,
    reserved integer not null,
    as_of text not null,
    updated_at ${t.bigint} not null,
    primary key (sku, location)
  )`,
];

export const m0005: Migration = {
  version: 5,
  name: 'inventory: publications with inputs and rule version, last published values, WMS positions',
  sqlite: tables({ id: 'integer primary key autoincrement', bigint: 'integer' }),
  postgres: tables({ id: 'bigint generated always as identity primary key', bigint: 'bigint' }),
};
