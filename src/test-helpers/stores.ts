import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import type { Clock } from '../core/clock.js';
import { openStore, type Store } from '../store/index.js';
import { createTestDatabase, pgServerUrl } from './pg.js';

export interface StoreFixture {
  kind: 'sqlite' | 'postgres';
  /** The FERRY_DB location, usable by child processes. */
  location: string;
  /** Opens another store on the same database (a second process would do the same). */
  open(opts?: { clock?: Clock }): Promise<Store>;
}

/**
 * Runs a suite once per store: a temp SQLite file, and a fresh PostgreSQL database for the file.
 * PostgreSQL suites are skipped (with the reason printed by the global setup) only when the server
 * is unreachable and FERRY_REQUIRE_PG is not set; under CI they fail instead.
 */
export function describeStores(name: string, fn: (fx: () => StoreFixture) => void): void {
  for (const kind of ['sqlite', 'postgres'] as const) {
    const skip = kind === 'postgres' && !pgServerUrl();
    describe.skipIf(skip)(`${name} [${kind}]`, () => {
      let fixture: StoreFixture | undefined;
      let cleanup: (() => Promise<void>) | undefined;
      beforeAll(async () => {
        let location: string;
        if (kind === 'sqlite') {
          const dir = mkdtempSync(join(tmpdir(), 'ferry-test-'));
          location = join(dir, 'ferry.db');
          cleanup = () => Promise.resolve(rmSync(dir, { recursive: true, force: true }));
        } else {
          const db = await createTestDatabase();
          location = db.url;
          cleanup = db.drop;
        }
        fixture = {
          kind,
          location,
          open: (o) => openStore(location, { ...(o?.clock ? { clock: o.clock } : {}), poolSize: 4 }),
        };
      });
      afterAll(async () => {
        await cleanup?.();
      });
      fn(() => fixture!);
    });
  }
}

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  constructor(private t = Date.UTC(2026, 0, 1)) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/** Real time plus jumps a test makes: for a whole running Ferry whose deadlines must pass now. */
export class JumpClock implements Clock {
  #offsetMs = 0;
  now(): number {
    return Date.now() + this.#offsetMs;
  }
  jump(ms: number): void {
    this.#offsetMs += ms;
  }
}

/** Resolves when `check` returns true, polling every few ms; fails with `what` after the timeout. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
