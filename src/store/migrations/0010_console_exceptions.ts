import type { Migration } from './types.js';

/**
 * The console's exception queue (issue 18): an assignee per exception, indexes for keyset pages
 * (newest first by id) under the filters the queue offers and for "changed since" polling, and
 * bulk actions that run server-side in chunks. A batch keeps the ids it was resolved to when it
 * was asked for ("all N matching this filter" means those N, not whatever matches later) and how
 * far it got, so a restart resumes where it stopped.
 */
const statements = (t: { id: string; bigint: string }): string[] => [
  `alter table exceptions add column assignee_id ${t.bigint}`,
  `create index exceptions_status_id on exceptions (status, id)`,
  `create index exceptions_status_impact on exceptions (status, impact, id)`,
  `create index exceptions_status_code on exceptions (status, code, id)`,
  `create index exceptions_status_lane on exceptions (status, lane, id)`,
  `create index exceptions_assignee on exceptions (assignee_id, status, id)`,
  `create index exceptions_updated on exceptions (updated_at)`,
  // Parked jobs by business key: a job that succeeds looks up the older parked attempts of its
  // key on every completion, so this must cost one index probe, not a scan of the queue.
  `create index jobs_excepted_key on jobs (ordering_key, task, id) where state = 'excepted'`,
  `create table console_batches (
    id ${t.id},
    action text not null,
    reason text not null,
    actor text not null,
    ids text not null,
    total integer not null,
    position integer not null default 0,
    done integer not null default 0,
    failed integer not null default 0,
    status text not null default 'running',
    failures text not null default '[]',
    created_at ${t.bigint} not null,
    updated_at ${t.bigint} not null,
    finished_at ${t.bigint}
  )`,
  `create index console_batches_running on console_batches (status)`,
];

export const m0010: Migration = {
  version: 10,
  name: 'console: exception assignee, queue indexes, bulk batches',
  sqlite: statements({ id: 'integer primary key autoincrement', bigint: 'integer' }),
  postgres: statements({ id: 'bigint generated always as identity primary key', bigint: 'bigint' }),
};
