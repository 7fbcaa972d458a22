import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFerry, type FerryApp } from '../app/index.js';
import { validateConfig } from '../ops/config/index.js';
import { createLogger } from '../ops/logging/index.js';
import { startDistributor, type Distributor } from '../sandbox/distributor.js';
import { generateOrder } from '../sandbox/shopify/index.js';
import { runCli } from '../test-helpers/processes.js';
import { waitFor } from '../test-helpers/stores.js';
import { storeDb } from '../test-helpers/storeDb.js';

const dir = mkdtempSync(join(tmpdir(), 'ferry-recovery-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Ferry serving `db` for the distributor, with the shop's webhooks pointed at it. */
async function serve(dist: Distributor, db: string): Promise<FerryApp> {
  const app = await startFerry({
    db,
    config: validateConfig({ ...dist.config, http: { host: '127.0.0.1', port: 0, bodyLimitBytes: 1 << 20 } }),
    mode: 'serve',
    env: dist.env,
    logger: createLogger({ level: 'silent' }),
  });
  for (const [id, shop] of dist.shops)
    shop.setWebhookTarget({ url: `${app.url}/webhooks/shopify/${id}`, maxAttempts: 3 });
  return app;
}

describe('backup, restore and inbox replay', () => {
  let dist: Distributor;
  beforeAll(async () => {
    dist = await startDistributor({ products: 10 });
  }, 180_000);
  afterAll(async () => {
    await dist?.stop();
  });

  const odooOrders = (ref: string) =>
    dist.odoo.core.db.where('sale.order', (r) => r.client_order_ref === ref);

  it('restores an online backup and replays the inbox: every order once in Odoo, none lost', async () => {
    const db = join(dir, 'ferry.db');
    const backup = join(dir, 'ferry-backup.db');
    const shop = dist.shops.get('shop-eu')!;
    const since = new Date().toISOString();
    let app = await serve(dist, db);
    const sent = new Map<number, { json: ReturnType<typeof generateOrder>; webhookId: string }>();
    const place = async (id: number) => {
      const json = generateOrder({ id, catalogue: dist.catalogue, lines: 2 });
      const r = await shop.webhooks!.send(shop.createOrder(json));
      expect(r.delivered).toBe(true);
      sent.set(id, { json, webhookId: r.webhookId });
    };
    const accepted = (store: FerryApp['store'], id: number) =>
      waitFor(
        async () => (await store.orders.getOrderByRef(`shop-eu-${id}`))?.state === 'accepted',
        `order ${id} accepted`,
        30_000,
      );
    try {
      for (const id of [920001, 920002]) await place(id);
      for (const id of [920001, 920002]) await accepted(app.store, id);
      // Taken while Ferry serves and writes: the online backup needs no stop.
      const b = await runCli(['backup', '--to', backup, '--db', db]);
      expect(b.stderr).toBe('');
      expect(b.code).toBe(0);
      expect(b.stdout).toContain(`backed up ${db} to ${backup}`);
      for (const id of [920003, 920004]) await place(id);
      for (const id of [920003, 920004]) await accepted(app.store, id);
    } finally {
      await app.stop(2000);
    }
    // The store is lost; the backup comes back. Odoo still has all four orders.
    for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
    copyFileSync(backup, db);
    app = await serve(dist, db);
    try {
      expect(await app.store.orders.getOrderByRef('shop-eu-920003')).toBeNull();
      const replay = await runCli(['inbox', 'replay', '--since', since, '--db', db, '--json']);
      expect(replay.code).toBe(0);
      const r = JSON.parse(replay.stdout) as { replayed: { inboxId: number; jobId: number }[] };
      expect(r.replayed).toHaveLength(2); // the two messages the backup holds
      // What came after the backup reaches Ferry again as Shopify delivers it (retry or poll).
      for (const id of [920003, 920004]) {
        const { json, webhookId } = sent.get(id)!;
        await shop.webhooks!.send(shop.delivery('orders/create', json), webhookId);
      }
      for (const id of [920001, 920002, 920003, 920004]) await accepted(app.store, id);
      const ids = r.replayed.map((x) => x.jobId);
      await waitFor(
        async () =>
          (
            await storeDb(app.store).selectFrom('jobs').select('state').where('id', 'in', ids).execute()
          ).every((j) => j.state === 'completed'),
        'replayed jobs completed',
        30_000,
      );
      for (const id of [920001, 920002, 920003, 920004]) {
        const inOdoo = odooOrders(`shop-eu:${id}`);
        expect(inOdoo, `Odoo orders for ${id}`).toHaveLength(1);
        expect((await app.store.orders.getOrderByRef(`shop-eu-${id}`))!.odooId).toBe(inOdoo[0]!.id);
      }
      const audit = await storeDb(app.store)
        .selectFrom('audit_log')
        .select(['action', 'target_id'])
        .where('action', '=', 'inbox.replay')
        .execute();
      expect(audit.map((a) => Number(a.target_id)).sort()).toEqual(r.replayed.map((x) => x.inboxId).sort());
    } finally {
      await app.stop(2000);
    }
  }, 240_000);

  it('refuses a PostgreSQL store with the pg_dump advice, and never overwrites a file', async () => {
    const pg = await runCli([
      'backup',
      '--to',
      join(dir, 'pg.db'),
      '--db',
      'postgres://ferry:s3cret@db:5432/ferry',
    ]);
    expect(pg.code).toBe(2);
    expect(pg.stderr).toContain('postgres://ferry:***@db:5432/ferry is PostgreSQL');
    expect(pg.stderr).toContain('pg_dump');
    expect(pg.stderr).not.toContain('s3cret');
    expect(existsSync(join(dir, 'pg.db'))).toBe(false);
    const taken = join(dir, 'taken.db');
    writeFileSync(taken, 'an earlier backup');
    const again = await runCli(['backup', '--to', taken, '--db', join(dir, 'other.db')]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`${taken} already exists`);
    expect(readFileSync(taken, 'utf8')).toBe('an earlier backup');
    const bad = await runCli(['inbox', 'replay', '--since', 'yesterday', '--db', join(dir, 'ferry.db')]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--since: expected a duration such as 2h or an ISO time, got "yesterday"');
  }, 180_000);
});
