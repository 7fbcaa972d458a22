import type { Migration } from './types.js';

/**
 * The engine's tables. Times are epoch milliseconds (bigint on PostgreSQL) so that both dialects
 * compare them the same way and an injected Clock drives leases and schedules; JSON is stored as
 * text in both for identical behaviour.
 */
const tables = (t: { id: string; bigint: string; blob: string }): string[] => [
  `create table jobs (
    id ${t.id},
    lane text not null,
    task text not null,
    payload text not null,
    priority integer not null default 0,
    run_at ${t.bigint} not null,
    attempts integer not null default 0,
    max_attempts integer not null,
    state text not null default 'ready',
    lease_until ${t.bigint},
    lease_token text,
    locked_by text,
    ordering_key text,
    idempotency_key text,
    partner text,
    errors text not null default '[]',
    trace text,
    created_at ${t.bigint} not null,
    updated_at ${t.bigint} not null,
    completed_at ${t.bigint}
  )`,
  `create unique index jobs_idempotency on jobs (idempotency_key) where idempotency_key is not null`,
  `create index jobs_ready on jobs (lane, priority desc, run_at, id) where state = 'ready'`,
  `create index jobs_ordering on jobs (ordering_key, id) where ordering_key is not null and state in ('ready', 'running')`,
  `create index jobs_running on jobs (lease_until) where state = 'running'`,
  `create index jobs_finished on jobs (completed_at) where state in ('completed', 'skipped')`,
  `create table exceptions (
    id ${t.id},
    job_id ${t.bigint} not null,
    lane text not null,
    task text not null,
    code text not null,
    message text not null,
    impact text not null,
    partner text,
    payload text not null,
    history text not null,
    entities text not null default '{}',
    status text not null default 'open',
    created_at ${t.bigint} not null,
    updated_at ${t.bigint} not null,
    resolved_at ${t.bigint},
    resolved_by text,
    resolution_note text
  )`,
  `create index exceptions_open on exceptions (status, created_at)`,
  `create index exceptions_job on exceptions (job_id)`,
  `create table inbox (
    id ${t.id},
    source text not null,
    kind text not null,
    received_at ${t.bigint} not null,
    headers text not null,
    body ${t.blob} not null,
    signature text not null,
    dedupe_key text,
    status text not null,
    reason text,
    duplicate_count integer not null default 0,
    last_duplicate_at ${t.bigint},
    job_id ${t.bigint},
    processed_at ${t.bigint}
  )`,
  `create unique index inbox_dedupe on inbox (dedupe_key) where dedupe_key is not null`,
  `create index inbox_received on inbox (received_at)`,
  `create table schedules (
    name text primary key,
    cron text not null,
    lane text not null,
    task text not null,
    next_run_at ${t.bigint} not null,
    last_run_at ${t.bigint}
  )`,
  `create table shadow_writes (
    id ${t.id},
    lane text not null,
    job_id ${t.bigint} not null,
    partner text not null,
    operation text not null,
    payload text not null,
    at ${t.bigint} not null
  )`,
  `create table audit_log (
    id ${t.id},
    at ${t.bigint} not null,
    actor text not null,
    action text not null,
    target_kind text not null,
    target_id text not null,
    before text,
    after text
  )`,
  `create table lanes (
    name text primary key,
    paused integer not null default 0,
    updated_at ${t.bigint} not null
  )`,
  `create table runtime_lock (
    id integer primary key,
    holder text not null,
    pid integer not null,
    host text not null,
    heartbeat_at ${t.bigint} not null
  )`,
];

export const m0001: Migration = {
  version: 1,
  name: 'engine tables: jobs, exceptions, inbox, schedules, shadow writes, audit, lanes',
  sqlite: tables({ id: 'integer primary key autoincrement', bigint: 'integer', blob: 'blob' }),
  postgres: tables({
    id: 'bigint generated always as identity primary key',
    bigint: 'bigint',
    blob: 'bytea',
  }),
};
