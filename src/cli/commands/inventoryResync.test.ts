import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from '@commander-js/extra-typings';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import {
  SHOP_LOCATION,
  itemOf,
  startInventoryRig,
  withInventory,
  type InventoryRig,
} from '../../test-helpers/inventoryRig.js';
import { setStock } from '../../sandbox/odoo/index.js';
import { describeStores } from '../../test-helpers/stores.js';
import { registerInventoryCommands } from './inventory.js';

afterEach(() => vi.restoreAllMocks());

/**
 * `ferry inventory resync` as an operator runs it, against a stopped Ferry: drift on both sides
 * (Odoo counted differently, a Shopify admin edit) is corrected and each change printed.
 */
describeStores('ferry inventory resync', (fx) => {
  let rig: InventoryRig;
  let a = '';
  let b = '';
  let configFile = '';
  beforeAll(async () => {
    rig = await startInventoryRig(fx().location, {
      distributor: { products: 2, stockPerProduct: 10 },
      locations: { 'WH/Stock': 'odoo' },
    });
    [a, b] = rig.dist.catalogue.map((c) => c.sku) as [string, string];
    const dir = mkdtempSync(join(tmpdir(), 'ferry-resync-'));
    configFile = join(dir, 'ferry.json');
    const config = withInventory(rig.dist.config, { 'WH/Stock': 'odoo' });
    writeFileSync(configFile, JSON.stringify({ ...config, http: { host: '127.0.0.1', port: 0 } }));
    for (const [k, v] of Object.entries(rig.dist.env)) vi.stubEnv(k, v);
    // The resync needs Ferry's in-flight orders, so it runs while Ferry is stopped.
    await rig.app.stop(2000);
  }, 30_000);
  afterAll(async () => {
    vi.unstubAllEnvs();
    await rig?.dist.stop();
  });

  /** Runs one command in-process; returns what it printed on stdout. */
  async function ferry(...args: string[]): Promise<string> {
    const out: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((s: unknown) => void out.push(String(s)));
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const program = new Command('ferry').exitOverride();
    registerInventoryCommands(program);
    try {
      await program.parseAsync([
        'node',
        'ferry',
        'inventory',
        ...args,
        '--db',
        fx().location,
        '--config',
        configFile,
      ]);
    } finally {
      vi.restoreAllMocks();
    }
    return out.join('\n');
  }

  const odooProduct = (sku: string) =>
    rig.dist.odoo.core.db.where('product.product', (p) => p.default_code === sku)[0]!.id;
  const shop = () => rig.dist.shops.get('shop-eu')!;

  it('corrects drift on both sides and prints each value it changed', async () => {
    expect([rig.shown(a), rig.shown(b)]).toEqual([10, 10]);
    setStock(rig.dist.odoo.core, odooProduct(a), 'WH', 4); // a stock count in Odoo
    shop().state.setInventory(itemOf(b), SHOP_LOCATION, 99, 99, b); // an edit in the Shopify admin
    const out = await ferry('resync', '--channel', 'shop-eu');
    expect(out).toContain('shop-eu: 2 value(s) published, 1 item(s) had drifted on Shopify');
    expect(out).toMatch(new RegExp(`${a}\\s+10\\s+4`));
    expect(out).toMatch(new RegExp(`${b}\\s+99\\s+10`));
    expect([rig.shown(a), rig.shown(b)]).toEqual([4, 10]);
    // Nothing drifted since: a second run changes nothing.
    expect(await ferry('resync')).toContain(
      'shop-eu: 0 value(s) published, 0 item(s) had drifted on Shopify',
    );
  }, 30_000);

  it('--sku limits the resync to those SKUs', async () => {
    setStock(rig.dist.odoo.core, odooProduct(a), 'WH', 6);
    setStock(rig.dist.odoo.core, odooProduct(b), 'WH', 3);
    const out = JSON.parse(await ferry('resync', '--sku', a, '--json')) as {
      channels: { channel: string; publish: { changes: unknown[] } }[];
    };
    expect(out.channels).toHaveLength(1);
    expect(out.channels[0]!.publish.changes).toEqual([{ sku: a, from: 4, to: 6 }]);
    expect([rig.shown(a), rig.shown(b)]).toEqual([6, 10]);
  }, 30_000);

  it('names the channels it knows when given an unknown one', async () => {
    await expect(ferry('resync', '--channel', 'shop-mars')).rejects.toThrow(
      'unknown channel "shop-mars"; inventory is published to: shop-eu',
    );
  });
});
