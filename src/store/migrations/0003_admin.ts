import type { Migration } from './types.js';

/**
 * Admin surface: API tokens (only their SHA-256 is kept), partner secrets (ciphertext and a data
 * key wrapped by a key ring that never enters the database), shadow-mode settings per flow and
 * channel, and an audit trail the database itself refuses to change.
 */
const tables = (t: { id: string; bigint: string }): string[] => [
  `create table api_tokens (
    id ${t.id},
    name text not null,
    role text not null,
    token_hash text not null unique,
    prefix text not null,
    created_at ${t.bigint} not null,
    created_by text not null,
    expires_at ${t.bigint},
    revoked_at ${t.bigint},
    revoked_by text,
    last_used_at ${t.bigint}
  )`,
  `create table secrets (
    name text primary key,
    ciphertext text not null,
    key_id text not null,
    wrapped_key text not null,
    version integer not null,
    created_at ${t.bigint} not null,
    updated_at ${t.bigint} not null,
    updated_by text not null
  )`,
  `create index secrets_key on secrets (key_id)`,
  `create table shadow_settings (
    flow text not null,
    channel text not null,
    enabled integer not null,
    updated_at ${t.bigint} not null,
    updated_by text not null,
    primary key (flow, channel)
  )`,
  `create index audit_log_at on audit_log (at)`,
  `create index audit_log_target on audit_log (target_kind, target_id)`,
];

export const m0003: Migration = {
  version: 3,
  name: 'admin: api tokens, encrypted secrets, shadow settings, append-only audit',
  sqlite: [
    ...tables({ id: 'integer primary key autoincrement', bigint: 'integer' }),
    `create trigger audit_log_no_update before update on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`,
    `create trigger audit_log_no_delete before delete on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`,
  ],
  postgres: [
    ...tables({ id: 'bigint generated always as identity primary key', bigint: 'bigint' }),
    `create function ferry_audit_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_log is append-only'; end $$`,
    `create trigger audit_log_append_only before update or delete on audit_log
      for each row execute function ferry_audit_append_only()`,
  ],
};
