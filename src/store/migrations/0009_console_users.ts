import type { Migration } from './types.js';

/**
 * Named users for the console (issue 18). A user has a name, a role and tokens; a console session
 * is a cookie whose SHA-256 is kept here (never the cookie itself), with the CSRF token it must
 * present on every change; a sign-in link is single-use and short-lived, also kept only as a hash.
 *
 * Existing tokens get an owning user of the same name. A name whose tokens carry different roles
 * keeps every token's power: the newest token's role gets the plain name, each other role a user
 * `<name>-<role>`. A token whose user could not be made that way (that name taken by a user of
 * another role) keeps no user and authenticates with its own role, as before.
 */
const statements = (t: { id: string; bigint: string }): string[] => [
  `create table users (
    id ${t.id},
    name text not null unique,
    role text not null,
    created_at ${t.bigint} not null,
    created_by text not null,
    disabled_at ${t.bigint}
  )`,
  `alter table api_tokens add column user_id ${t.bigint}`,
  `insert into users (name, role, created_at, created_by)
    select t.name, t.role, t.created_at, 'migration'
    from api_tokens t
    where t.id = (select max(t2.id) from api_tokens t2 where t2.name = t.name)`,
  `insert into users (name, role, created_at, created_by)
    select t.name || '-' || t.role, t.role, min(t.created_at), 'migration'
    from api_tokens t
    where not exists (select 1 from users u where u.name = t.name and u.role = t.role)
      and not exists (select 1 from users u where u.name = t.name || '-' || t.role)
    group by t.name, t.role`,
  `update api_tokens set user_id = coalesce(
    (select u.id from users u where u.name = api_tokens.name and u.role = api_tokens.role),
    (select u.id from users u where u.name = api_tokens.name || '-' || api_tokens.role and u.role = api_tokens.role))`,
  `create index api_tokens_user on api_tokens (user_id)`,
  `create table console_sessions (
    id_hash text primary key,
    user_id ${t.bigint} not null,
    token_id ${t.bigint},
    csrf_token text not null,
    created_at ${t.bigint} not null,
    expires_at ${t.bigint} not null,
    last_seen_at ${t.bigint} not null,
    revoked_at ${t.bigint}
  )`,
  `create index console_sessions_user on console_sessions (user_id)`,
  `create table login_links (
    link_hash text primary key,
    user_id ${t.bigint} not null,
    created_at ${t.bigint} not null,
    created_by text not null,
    expires_at ${t.bigint} not null,
    used_at ${t.bigint}
  )`,
];

export const m0009: Migration = {
  version: 9,
  name: 'console: users owning tokens, sessions, one-time sign-in links',
  sqlite: statements({ id: 'integer primary key autoincrement', bigint: 'integer' }),
  postgres: statements({ id: 'bigint generated always as identity primary key', bigint: 'bigint' }),
};
