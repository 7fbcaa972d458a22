import type { Migration } from './types.js';

/**
 * When a user last changed (added, role changed, disabled or enabled), so the console's users
 * list can poll for what changed since its last look (issue 18) instead of reading every user.
 * Existing users count as changed when they were made or last disabled.
 */
const statements = (t: { bigint: string }): string[] => [
  `alter table users add column updated_at ${t.bigint}`,
  `update users set updated_at = coalesce(disabled_at, created_at)`,
];

export const m0015: Migration = {
  version: 15,
  name: 'console: when each user last changed, for the users list’s polling',
  sqlite: statements({ bigint: 'integer' }),
  postgres: statements({ bigint: 'bigint' }),
};
