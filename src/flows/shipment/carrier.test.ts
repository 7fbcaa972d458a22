import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeStores } from '../../test-helpers/stores.js';
import type { Store } from '../../store/index.js';
import { DEFAULT_RULES } from '../fulfilment/index.js';
import { CARRIER_MAPPING, EVERY_WAREHOUSE, resolveCarrier } from './carrier.js';

describeStores("a warehouse's carrier code read as a name", (fx) => {
  let store: Store;
  const set = (scope: string, key: string, value: string | null) =>
    store.transaction((tx) =>
      tx.mappings.appendMapping({ kind: CARRIER_MAPPING, scope, key, value, actor: 'test', now: 1 }),
    );
  beforeAll(async () => {
    store = await fx().open();
    await set('east', 'ZZPOST', 'Zig Zag Post');
    await set(EVERY_WAREHOUSE, 'ZZPOST', 'Zig Zag (shared)');
    await set(EVERY_WAREHOUSE, 'UPSN', 'UPS Ground');
    await set('east', 'GONE', 'Gone Express');
    await set('east', 'GONE', null);
  });
  afterAll(async () => {
    await store?.close();
  });
  const resolve = (warehouse: string, code: string | undefined) =>
    resolveCarrier(store, DEFAULT_RULES, warehouse, code);

  it("reads the warehouse's own mapping first, then the shared one, then the configured names", async () => {
    expect(await resolve('east', 'ZZPOST')).toMatchObject({
      name: 'Zig Zag Post',
      source: 'mapping',
      scope: 'east',
    });
    expect(await resolve('west', 'ZZPOST')).toMatchObject({
      name: 'Zig Zag (shared)',
      source: 'mapping',
      scope: EVERY_WAREHOUSE,
    });
    expect(await resolve('east', 'FDEG')).toEqual({ code: 'FDEG', name: 'FedEx', source: 'configuration' });
    // A configured carrier name sent as it is needs no mapping.
    expect(await resolve('east', 'FedEx')).toEqual({ code: 'FedEx', name: 'FedEx', source: 'configuration' });
    // A removed mapping no longer answers: the code is unmapped again.
    expect(await resolve('east', 'GONE')).toEqual({ code: 'GONE', name: 'GONE', source: 'unmapped' });
    expect(await resolve('east', undefined)).toBeUndefined();
    expect(await resolve('east', '')).toBeUndefined();
  });

  it('treats a code that names a property of every object as unmapped, never as a configured name', async () => {
    for (const code of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])
      expect(await resolve('east', code)).toEqual({ code, name: code, source: 'unmapped' });
  });
});
