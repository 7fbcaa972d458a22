import type { Migration } from './types.js';

/**
 * Alerts (issue 7) kept in the store rather than in one process's memory: the scheduler runs each
 * evaluation once across all processes, every process's API and /metrics show the same alerts, and
 * a notification the webhook did not take is sent again at the next evaluation (nothing lost, each
 * start and end notified once).
 */
const tables = (t: { id: string; bigint: string }): string[] => [
  `create table alerts (
    id ${t.id},
    rule text not null,
    subject text not null,
    message text not null,
    since ${t.bigint} not null,
    resolved_at ${t.bigint},
    start_notified_at ${t.bigint},
    end_notified_at ${t.bigint}
  )`,
  `create unique index alerts_open on alerts (rule, subject) where resolved_at is null`,
];

export const m0006: Migration = {
  version: 6,
  name: 'alerts: firing and resolved alerts with their notifications',
  sqlite: tables({ id: 'integer primary key autoincrement', bigint: 'integer' }),
  postgres: tables({ id: 'bigint generated always as identity primary key', bigint: 'bigint' }),
};
