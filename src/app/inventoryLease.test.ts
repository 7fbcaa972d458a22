import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withInventory } from '../test-helpers/inventoryRig.js';
import { validateConfig } from '../ops/config/index.js';
import { createLogger } from '../ops/logging/index.js';
import { startDistributor, type Distributor } from '../sandbox/distributor.js';
import { createTestDatabase, pgServerUrl } from '../test-helpers/pg.js';
import { startFerry, type FerryApp } from './ferry.js';

/**
 * Two Ferry processes on one PostgreSQL database: the oversell guard's in-flight holds live in one
 * process, so only one may run the orders and inventory lanes; another is refused with a message
 * that names the holder and what to do, and may still run the other lanes. (SQLite serves one
 * process only: its runtime lock refuses any second one.)
 */
describe.skipIf(!pgServerUrl())('one owner of inventory per database [postgres]', () => {
  let dist: Distributor;
  let db: { url: string; drop: () => Promise<void> };
  const apps = new Set<FerryApp>();
  beforeAll(async () => {
    db = await createTestDatabase();
    dist = await startDistributor({ products: 1, stockPerProduct: 5 });
  });
  afterAll(async () => {
    for (const a of apps) await a.stop(2000).catch(() => undefined);
    await dist?.stop();
    await db?.drop();
  });

  const start = async (lanes?: string[]) => {
    const app = await startFerry({
      db: db.url,
      config: validateConfig({
        ...withInventory(dist.config, { 'WH/Stock': 'odoo' }),
        http: { host: '127.0.0.1', port: 0 },
      }),
      mode: 'worker',
      env: dist.env,
      logger: createLogger({ level: 'silent' }),
      ...(lanes ? { lanes } : {}),
    });
    apps.add(app);
    return app;
  };
  const stop = async (app: FerryApp) => {
    await app.stop(2000);
    apps.delete(app);
  };

  it('refuses a second process that would run the orders or inventory lane, and lets it run the others', async () => {
    const first = await start();
    expect(first.inventory.runtime!.ready).toBe(true);
    await expect(start()).rejects.toThrow(
      new RegExp(
        `another Ferry process \\(pid ${process.pid} on .*\\) owns inventory on .*ferry worker --lanes`,
      ),
    );
    await expect(start(['orders'])).rejects.toThrow(/owns inventory/);
    await expect(start(['inventory'])).rejects.toThrow(/owns inventory/);
    const second = await start(['intake', 'fulfilment', 'shipments', 'batch']);
    expect(second.inventory.runtime!.ready).toBe(false); // never loaded: it does not own inventory
    await stop(second);
    // Once the owner stops, another process takes over.
    await stop(first);
    const third = await start();
    expect(third.inventory.runtime!.ready).toBe(true);
  }, 60_000);
});
