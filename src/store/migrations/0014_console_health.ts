import type { Migration } from './types.js';

/**
 * The console's health overview and saved views (issue 18). A saved view is one user's named
 * query string for one screen (exceptions, search): it belongs to the user and goes with them.
 * The overview counts orders per channel and shipments in the last hour on every poll: without
 * these indexes each count reads the whole table.
 */
const statements = (t: { id: string; bigint: string }): string[] => [
  `create table saved_views (
    id ${t.id},
    user_id ${t.bigint} not null,
    screen text not null,
    name text not null,
    query text not null,
    created_at ${t.bigint} not null,
    unique (user_id, screen, name)
  )`,
  `create index orders_channel_created on orders (channel, created_at)`,
  // Orders of the window across channels (service level, throughput series): PostgreSQL does not
  // skip-scan the channel index, and read 100,000 orders for an hour's 1,400 without this one.
  `create index orders_created on orders (created_at)`,
  `create index warehouse_shipments_created on warehouse_shipments (created_at)`,
  `create index exceptions_created on exceptions (created_at)`,
  // A channel's last webhook, when it sent none in the window: one probe instead of a scan.
  `create index inbox_source_received on inbox (source, received_at)`,
];

export const m0014: Migration = {
  version: 14,
  name: 'console: saved views per user, indexes of the health overview',
  sqlite: statements({ id: 'integer primary key autoincrement', bigint: 'integer' }),
  postgres: statements({ id: 'bigint generated always as identity primary key', bigint: 'bigint' }),
};
