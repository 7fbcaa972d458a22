/**
 * Decides once per test run whether PostgreSQL is there. Under CI (`FERRY_REQUIRE_PG=1`) a missing
 * server fails the run; on a laptop the PostgreSQL tests are skipped and the reason is printed.
 */
import pg from 'pg';
import { compileRuntime } from '../ops/config/index.js';
import type { TestProject } from 'vitest/node';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export default async function setup(project: TestProject): Promise<void> {
  const { env } = compileRuntime();
  const url = env.FERRY_TEST_PG ?? DEFAULT_URL;
  const required = env.FERRY_REQUIRE_PG === '1';
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  let reason = '';
  try {
    await client.connect();
    await client.query('select 1');
  } catch (e) {
    reason = e instanceof Error ? e.message : String(e);
  } finally {
    await client.end().catch(() => undefined);
  }
  if (reason && required) {
    throw new Error(`PostgreSQL is required (FERRY_REQUIRE_PG=1) but ${url} is unreachable: ${reason}`);
  }
  if (reason) {
    console.warn(
      `\n[ferry] PostgreSQL at ${url} is unreachable (${reason}).\n` +
        `[ferry] Tests marked "postgres" are SKIPPED. Start PostgreSQL or set FERRY_TEST_PG to run them.\n`,
    );
  }
  project.provide('pgUrl', reason ? '' : url);
  project.provide('pgSkipReason', reason);
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
    pgSkipReason: string;
  }
}
