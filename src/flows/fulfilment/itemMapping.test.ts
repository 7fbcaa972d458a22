import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeStores } from '../../test-helpers/stores.js';
import type { Store } from '../../store/index.js';
import { withFerrySkus, withWarehouseItems } from './itemMapping.js';
import type { WarehouseEvent } from './port.js';

describeStores("a warehouse's own item numbers", (fx) => {
  let store: Store;
  beforeAll(async () => {
    store = await fx().open();
    const set = (key: string, value: string | null) =>
      store.transaction((tx) =>
        tx.mappings.appendMapping({ kind: 'sku', scope: 'east', key, value, actor: 'test', now: 1 }),
      );
    await set('SKU-1', 'E-100');
    await set('SKU-2', 'E-200');
    await set('SKU-3', 'E-200'); // a mistake: two SKUs on one item
    await set('SKU-4', 'E-400');
    await set('SKU-4', null); // removed again
    await store.transaction((tx) =>
      tx.mappings.appendMapping({
        kind: 'sku',
        scope: 'west',
        key: 'SKU-9',
        value: 'W-9',
        actor: 'test',
        now: 1,
      }),
    );
  });
  afterAll(async () => {
    await store?.close();
  });

  it('puts the mapped item and its version on release lines, in the warehouse scope only', async () => {
    const lines = [
      { lineId: '1', sku: 'SKU-1', quantity: 2 },
      { lineId: '2', sku: 'SKU-4', quantity: 1 },
      { lineId: '3', sku: 'SKU-9', quantity: 1 },
    ];
    const out = await withWarehouseItems(store, 'east', lines);
    expect(out[0]).toEqual({ ...lines[0], warehouseItem: 'E-100', mappingVersion: expect.any(Number) });
    expect(out.slice(1)).toEqual(lines.slice(1)); // removed mapping, other warehouse's mapping
  });

  it("reads reported items as Ferry's SKUs and refuses an item two SKUs map to", async () => {
    const events: WarehouseEvent[] = [
      {
        kind: 'inventory',
        key: 'k1',
        positions: [
          {
            sku: 'E-100',
            location: 'E1',
            onHand: 5,
            reserved: 0,
            available: 5,
            asOf: '2026-01-01T00:00:00Z',
            source: 'wms:east',
          },
          {
            sku: 'UNMAPPED',
            location: 'E1',
            onHand: 1,
            reserved: 0,
            available: 1,
            asOf: '2026-01-01T00:00:00Z',
            source: 'wms:east',
          },
        ],
      },
      {
        kind: 'receipt',
        receipt: {
          receiptId: 'R1',
          isReturn: false,
          receivedAt: '2026-01-01T00:00:00Z',
          lines: [{ sku: 'E-200', quantity: 1, damaged: 0 }],
        },
      },
      { kind: 'acknowledged', externalRefs: ['000000001'] },
    ];
    const [inv, receipt, ack] = await withFerrySkus(store, 'east', events);
    expect(inv).toMatchObject({ positions: [{ sku: 'SKU-1' }, { sku: 'UNMAPPED' }] });
    expect(receipt).toMatchObject({ kind: 'problem', error: { code: 'mapping_missing' } });
    expect((receipt as { error: Error }).error.message).toContain('E-200');
    expect((receipt as { error: Error }).error.message).toContain('SKU-2, SKU-3');
    expect(ack).toBe(events[2]);
  });
});
