import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startDistributor } from '../sandbox/distributor.js';
import { generateOrder } from '../sandbox/shopify/index.js';
import { openStore } from '../store/index.js';
import { ROOT } from '../test-helpers/processes.js';
import { waitFor } from '../test-helpers/stores.js';
import { storeDb } from '../test-helpers/storeDb.js';

const dir = mkdtempSync(join(tmpdir(), 'ferry-drain-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Kubernetes' default terminationGracePeriodSeconds: past it the pod is killed with SIGKILL. */
const GRACE_MS = 30_000;

async function status(url: string): Promise<number | 'refused'> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2000) })).status;
  } catch {
    return 'refused';
  }
}

describe('ferry serve on SIGTERM', () => {
  it('turns not ready, gives back the lease of the job it was running, and exits 0 within the grace period', async () => {
    const dist = await startDistributor({ products: 5 });
    const db = join(dir, 'ferry.db');
    const config = join(dir, 'ferry.config.json');
    writeFileSync(config, JSON.stringify(dist.config));
    const child = spawn(
      process.execPath,
      [join(ROOT, 'bin', 'ferry.js'), 'serve', '--config', config, '--db', db, '--port', '0'],
      {
        cwd: ROOT,
        env: { ...process.env, ...dist.env, FERRY_LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      await waitFor(() => /serving on http/.test(out) || child.exitCode !== null, 'serving', 120_000).catch(
        (e: Error) => {
          throw new Error(`${e.message}: ${err}`);
        },
      );
      const url = /serving on (http:\/\/\S+)/.exec(out)?.[1];
      expect(url, err).toBeDefined();
      expect(await status(`${url}/livez`)).toBe(200);
      expect(await status(`${url}/readyz`)).toBe(200);
      // Odoo stops answering: the order's job is in flight, holding its lease, when SIGTERM comes.
      dist.odoo.latencyMs = 120_000;
      const shop = dist.shops.get('shop-eu')!;
      shop.setWebhookTarget({ url: `${url}/webhooks/shopify/shop-eu`, maxAttempts: 1 });
      const sent = await shop.webhooks!.send(
        shop.createOrder(generateOrder({ id: 930001, catalogue: dist.catalogue })),
      );
      expect(sent.delivered).toBe(true);
      const reader = await openStore(db, { migrate: false });
      try {
        let running: { id: number; attempts: number } | undefined;
        await waitFor(
          async () => {
            running = await storeDb(reader)
              .selectFrom('jobs')
              .select(['id', 'attempts'])
              .where('state', '=', 'running')
              .where('lane', '=', 'orders')
              .executeTakeFirst();
            return running !== undefined;
          },
          "the order's acceptance running against the silent Odoo",
          30_000,
        );
        const t0 = Date.now();
        child.kill('SIGTERM');
        await waitFor(async () => (await status(`${url}/readyz`)) !== 200, 'readiness false', 5000);
        const code = await exited;
        const tookMs = Date.now() - t0;
        expect(code, err).toBe(0);
        expect(tookMs).toBeLessThan(GRACE_MS);
        console.log(`ferry serve exited ${tookMs} ms after SIGTERM, one job in flight against a silent Odoo`);
        const job = await storeDb(reader)
          .selectFrom('jobs')
          .select(['state', 'locked_by', 'lease_until', 'attempts'])
          .where('id', '=', running!.id)
          .executeTakeFirstOrThrow();
        // Given back, not left to expire: another process runs it at once, no attempt spent.
        expect(job).toEqual({
          state: 'ready',
          locked_by: null,
          lease_until: null,
          attempts: running!.attempts - 1,
        });
        await expect(reader.runtimeLock.acquire('next', Date.now())).resolves.toBeUndefined();
      } finally {
        await reader.close();
      }
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await dist.stop();
    }
  }, 240_000);
});
