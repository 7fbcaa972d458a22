import type { Migration } from './types.js';

/**
 * Retention and privacy requests (issue 16, item 24). `personal_data_erased_at` marks orders whose
 * customer data was erased (by age or on request) while their accounting facts stay;
 * `payload_erased_at` marks inbox messages whose raw body was emptied. `privacy_requests` keeps each
 * Shopify privacy webhook's outcome: the data report Ferry owes the shop for a data request, and
 * what a redaction erased or had to keep.
 */
const statements = (t: { id: string; bigint: string }): string[] => [
  `alter table orders add column personal_data_erased_at ${t.bigint}`,
  `alter table inbox add column payload_erased_at ${t.bigint}`,
  `create table privacy_requests (
    id ${t.id},
    channel text not null,
    kind text not null,
    inbox_id ${t.bigint},
    customer text not null,
    received_at ${t.bigint} not null,
    completed_at ${t.bigint} not null,
    report text not null
  )`,
  `create index privacy_requests_channel on privacy_requests (channel, received_at)`,
];

export const m0008: Migration = {
  version: 8,
  name: 'retention: erased markers on orders and inbox, privacy requests',
  sqlite: statements({ id: 'integer primary key autoincrement', bigint: 'integer' }),
  postgres: statements({ id: 'bigint generated always as identity primary key', bigint: 'bigint' }),
};
