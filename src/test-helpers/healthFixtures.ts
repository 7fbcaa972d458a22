/**
 * Seeds for the console health tests: a real inventory engine's explanation recorded as a
 * publication (what the inventory flow records once a channel applied a value), and connection
 * tests answering as a partner would.
 */
import type { Store } from '../store/index.js';
import { engineWith, pos } from '../core/inventory/test-helpers/fixtures.js';
import type { InventoryEngine } from '../core/inventory/index.js';
import type { ConnectionTest } from '../api/admin/services/partnerDetail.js';

/** An engine selling SKU `sku` on channel `shop`: 10 on hand with 2 reserved east, 5 west. */
export function stockedEngine(sku: string): InventoryEngine {
  const e = engineWith();
  e.applyPositions([pos(sku, 'WH-EAST', 10, 2), pos(sku, 'WH-WEST', 5)]);
  return e;
}

/** Records that channel `shop` applied the engine's value for `sku` at `at`, with its inputs. */
export async function recordPublished(
  store: Store,
  engine: InventoryEngine,
  sku: string,
  at: number,
  changeFrom: number | null = null,
): Promise<number> {
  const { published: _p, ...inputs } = engine.explain(sku, 'shop');
  await store.transaction((tx) =>
    tx.inventory.recordPublications([
      {
        channel: 'shop',
        sku,
        value: inputs.value,
        changeFrom,
        ruleVersion: inputs.ruleVersion,
        inputs,
        idempotencyKey: `pub-${sku}-${at}`,
        publishedAt: at,
      },
    ]),
  );
  engine.setPublished('shop', sku, inputs.value);
  return inputs.value;
}

/** Connection tests: `odoo` answers its checks, `shopify:eu` refuses the credentials. */
export function connectionTests(calls: string[] = []): ReadonlyMap<string, ConnectionTest> {
  return new Map<string, ConnectionTest>([
    [
      'odoo',
      () => {
        calls.push('odoo');
        return Promise.resolve({
          ok: true,
          message: 'connect: Odoo 17.0; login: uid 2',
          checks: [
            { name: 'connect', ok: true, detail: 'Odoo 17.0' },
            { name: 'login', ok: true, detail: 'uid 2' },
          ],
        });
      },
    ],
    [
      'shopify:eu',
      () => {
        calls.push('shopify:eu');
        return Promise.reject(new Error('Shopify answered 401: invalid API key or access token'));
      },
    ],
  ]);
}
