import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../core/clock.js';
import { ExceptionService } from '../../engine/index.js';
import { waitFor } from '../../test-helpers/stores.js';
import { runDemo, type DemoRun } from './run.js';
import { DEMO_SCRIPT, UNKNOWN_SKU } from './driver.js';

describe('ferry demo', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-demo-'));
  let run: DemoRun | undefined;
  afterAll(async () => {
    await run?.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it("runs a distributor's stream: orders confirmed in Odoo, the unknown-SKU order parked, then completed after mapping and replay", async () => {
    const lines: string[] = [];
    run = await runDemo({
      db: join(dir, 'demo.db'),
      rate: 600,
      port: 0,
      print: (l) => lines.push(l),
      summaryEveryMs: 500,
    });
    const { app, dist, driver } = run;
    expect(lines[0]).toContain('Ferry demo');
    expect(lines.join('\n')).toContain(`${app.url}/docs`);
    expect(lines.join('\n')).toMatch(/Bearer fy_/);
    const confirmed = () => dist.odoo.core.db.where('sale.order', (o) => o.state === 'sale').length;
    await waitFor(() => confirmed() >= 10, 'ten confirmed Odoo orders', 30_000);
    const unknownRef = (id: number) => [...dist.shops.keys()].map((s) => `${s}-${id}`);
    const parked = async () =>
      (await app.store.exceptions.listExceptions({ code: 'mapping_missing', status: 'open' })).find((e) =>
        unknownRef(driver.orderId(DEMO_SCRIPT.unknownSku)).includes((e.payload as { ref: string }).ref),
      );
    await waitFor(
      async () => (await parked()) !== undefined,
      'unknown-SKU order in the exception queue',
      30_000,
    );
    const exc = (await parked())!;
    expect(exc.message).toContain(UNKNOWN_SKU);
    const ref = (exc.payload as { ref: string }).ref;
    const channel = ref.slice(0, ref.lastIndexOf('-'));
    await app.store.transaction((tx) =>
      tx.mappings
        .appendMapping({
          kind: 'sku',
          scope: channel,
          key: UNKNOWN_SKU,
          value: dist.catalogue[0]!.sku,
          actor: 'test',
          now: Date.now(),
        })
        .then(() => undefined),
    );
    await new ExceptionService(app.store, systemClock).replay(exc.id, 'test');
    await waitFor(
      async () => (await app.store.orders.getOrderByRef(ref))?.state === 'accepted',
      'replayed order accepted',
      30_000,
    );
    await waitFor(() => lines.some((l) => /orders: received \d+/.test(l)), 'a live summary line', 5_000);
    const cancelledRef = unknownRef(driver.orderId(DEMO_SCRIPT.cancelled));
    await waitFor(
      async () =>
        (await Promise.all(cancelledRef.map((r) => app.store.orders.getOrderByRef(r)))).some(
          (o) => o?.state === 'cancelled',
        ),
      'the scripted cancellation',
      30_000,
    );
    // Orders reach shipped: Odoo deliveries validated, Shopify fulfillments with tracking.
    const doneOut = () => dist.odoo.core.db.where('stock.picking', (p) => p.state === 'done').length;
    const fulfilled = () => [...dist.shops.values()].reduce((n, s) => n + s.state.fulfillments.length, 0);
    await waitFor(
      () => doneOut() >= 5 && fulfilled() >= 5,
      'five shipped orders in Odoo and Shopify',
      60_000,
    );
    const withTracking = [...dist.shops.values()]
      .flatMap((s) => s.state.fulfillments)
      .filter((f) => JSON.stringify(f).includes('tracking'));
    expect(withTracking.length).toBeGreaterThanOrEqual(5);
    const final = await run.stop();
    run = undefined;
    expect(final.accepted).toBeGreaterThanOrEqual(10);
    expect(final.cancelled).toBeGreaterThanOrEqual(1);
    expect(final.shipped).toBeGreaterThanOrEqual(5);
  }, 120_000);
});
