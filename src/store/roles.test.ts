import { Kysely } from 'kysely';
import { afterEach, expect, expectTypeOf, it } from 'vitest';
import { describeStores } from '../test-helpers/stores.js';
import type { DB, Store, StoreSession } from './index.js';
import type { MappingVersion } from './orders/index.js';
import type { InterchangeStorage } from '../connectors/x12/storage.js';
import type { CursorStore } from '../connectors/wms-rest/restWarehouse.js';

const open: Store[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

const sku = (key: string, value: string | null) => ({
  kind: 'sku',
  scope: 'roles-test',
  key,
  value,
  actor: 'test',
  now: 1,
});

it("a role's operations are typed from their functions, without the connection", () => {
  expectTypeOf<StoreSession['mappings']['currentMappings']>().parameters.toEqualTypeOf<
    [kind: string, scope: string, keys?: string[]]
  >();
  expectTypeOf<StoreSession['mappings']['appendMapping']>().returns.resolves.toEqualTypeOf<MappingVersion>();
  expectTypeOf<Store['cursors']['getCursor']>().toEqualTypeOf<(name: string) => Promise<string | null>>();
});

it('the roles implement the storage the warehouse connectors declare (checked by tsc)', () => {
  expectTypeOf<StoreSession['interchanges']>().toMatchTypeOf<InterchangeStorage>();
  expectTypeOf<Store['interchanges']>().toMatchTypeOf<InterchangeStorage>();
  expectTypeOf<Store['cursors']>().toMatchTypeOf<CursorStore>();
});

/** The names of T's members that are a Kysely handle, or a role holding one. */
type KyselyMembers<T> = {
  [K in keyof T]: T[K] extends Kysely<DB>
    ? K
    : T[K] extends Record<string, unknown>
      ? KyselyMembers<T[K]>
      : never;
}[keyof T];

it('sessions and the store show roles, never a Kysely handle', () => {
  expectTypeOf<StoreSession>().not.toHaveProperty('db');
  expectTypeOf<Store>().not.toHaveProperty('db');
  expectTypeOf<KyselyMembers<StoreSession>>().toEqualTypeOf<never>();
  expectTypeOf<KyselyMembers<Store>>().toEqualTypeOf<never>();
  // What the check above would catch: a member typed as the handle.
  expectTypeOf<KyselyMembers<{ orders: { db: Kysely<DB> } }>>().toEqualTypeOf<'db'>();
});

describeStores('store roles', (fx) => {
  it('no member of the store or of a transaction is a Kysely handle at run time', async () => {
    const s = await fx().open();
    open.push(s);
    const handles = (o: object) =>
      Object.entries(o).filter(
        ([, v]) => v instanceof Kysely || Object.values(v ?? {}).some((x) => x instanceof Kysely),
      );
    expect(handles(s)).toEqual([]);
    expect(await s.transaction((tx) => Promise.resolve(handles(tx)))).toEqual([]);
    expect(Object.keys(s.jobs)).toContain('enqueue');
  });

  it('the same role works on the store and inside a transaction', async () => {
    const s = await fx().open();
    open.push(s);
    await s.mappings.appendMapping(sku('A', 'a-1'));
    await s.transaction(async (tx) => {
      await tx.mappings.appendMapping(sku('A', 'a-2'));
      expect((await tx.mappings.currentMappings('sku', 'roles-test')).get('A')?.value).toBe('a-2');
    });
    expect((await s.mappings.mappingHistory('sku', 'roles-test', 'A')).map((m) => m.version)).toEqual([1, 2]);
  });

  it('a failed savepoint undoes only its own writes; the transaction keeps the rest', async () => {
    const s = await fx().open();
    open.push(s);
    const boom = new Error('boom');
    const caught = await s.transaction(async (tx) => {
      await tx.cursors.setCursor('kept', 'k', 1);
      await tx.savepoint((sp) => sp.cursors.setCursor('nested-ok', 'n', 1));
      return tx
        .savepoint(async (sp) => {
          await sp.cursors.setCursor('undone', 'u', 1);
          throw boom;
        })
        .catch((e: unknown) => e);
    });
    expect(caught).toBe(boom);
    expect(await s.cursors.getCursor('kept')).toBe('k');
    expect(await s.cursors.getCursor('nested-ok')).toBe('n');
    expect(await s.cursors.getCursor('undone')).toBeNull();
  });

  it('a transaction that throws leaves nothing of its roles’ writes', async () => {
    const s = await fx().open();
    open.push(s);
    await expect(
      s.transaction(async (tx) => {
        await tx.cursors.setCursor('rolled-back', 'x', 1);
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(await s.cursors.getCursor('rolled-back')).toBeNull();
  });
});
