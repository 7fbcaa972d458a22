import type { Migration } from './types.js';

/**
 * Four-eyes approvals (DESIGN §7, issue 18): a change a profile holds for a second person waits
 * here as pending, with who asked and what exactly would be applied, until another user approves
 * (then it is applied) or rejects it. Rows are never deleted: the decision stays as evidence beside
 * the audit entries written with it.
 */
const statements = (t: { id: string; bigint: string }): string[] => [
  `create table approvals (
    id ${t.id},
    kind text not null,
    target text not null,
    change_json text not null,
    status text not null,
    requested_by text not null,
    requested_user_id ${t.bigint},
    requested_at ${t.bigint} not null,
    decided_by text,
    decided_user_id ${t.bigint},
    decided_at ${t.bigint},
    reason text
  )`,
  `create index approvals_status on approvals (status, id)`,
];

export const m0013: Migration = {
  version: 13,
  name: 'console: four-eyes approvals of mapping changes and edit-and-replay',
  sqlite: statements({ id: 'integer primary key autoincrement', bigint: 'integer' }),
  postgres: statements({ id: 'bigint generated always as identity primary key', bigint: 'bigint' }),
};
