import type { Migration } from './types.js';

/**
 * Events out (DESIGN.md §10). `events` is the outbox: a row is written in the transaction of the
 * state change it describes and `relayed_at` stays null until the relay has turned it into delivery
 * jobs (the partial index keeps that scan small however long the history grows). Subscriptions name
 * their signing secret (kept encrypted by the secret service), never hold it; `event_deliveries` is
 * the log of every attempt, which is what "recover everything failed since T" reads.
 */
const statements = (t: { id: string; bigint: string }): string[] => [
  `create table events (
    seq ${t.id},
    event_id text not null unique,
    type text not null,
    subject text not null,
    time ${t.bigint} not null,
    data text not null,
    relayed_at ${t.bigint}
  )`,
  `create index events_unrelayed on events (seq) where relayed_at is null`,
  `create index events_time on events (time)`,
  `create table event_subscriptions (
    id ${t.id},
    name text not null unique,
    kind text not null,
    url text,
    types text not null,
    payload text not null,
    secret_name text,
    previous_secret_name text,
    previous_until ${t.bigint},
    enabled integer not null default 1,
    disabled_reason text,
    failing_since ${t.bigint},
    created_at ${t.bigint} not null,
    updated_at ${t.bigint} not null
  )`,
  `create table event_deliveries (
    id ${t.id},
    subscription_id ${t.bigint} not null,
    event_id text not null,
    attempt integer not null,
    at ${t.bigint} not null,
    ok integer not null,
    status integer,
    error text,
    duration_ms integer not null
  )`,
  `create index event_deliveries_sub on event_deliveries (subscription_id, at)`,
  `create index event_deliveries_event on event_deliveries (event_id, subscription_id)`,
];

export const m0012: Migration = {
  version: 12,
  name: 'events out: outbox, subscriptions, delivery log',
  sqlite: statements({ id: 'integer primary key autoincrement', bigint: 'integer' }),
  postgres: statements({ id: 'bigint generated always as identity primary key', bigint: 'bigint' }),
};
