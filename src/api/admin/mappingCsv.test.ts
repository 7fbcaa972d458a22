import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock, describeStores } from '../../test-helpers/stores.js';
import { adminApp } from '../../test-helpers/adminFixtures.js';
import type { Store } from '../../store/index.js';
import type { AdminServices } from './context.js';

describeStores('mappings as CSV over the admin API', (fx) => {
  let store: Store;
  let app: FastifyInstance;
  let s: AdminServices;
  const clock = new ManualClock();
  let admin: string;
  let operator: string;

  beforeAll(async () => {
    store = await fx().open({ clock });
    ({ app, services: s } = await adminApp(store, clock));
    admin = (await s.tokens.create({ name: 'ada', role: 'admin' }, 'test')).token;
    operator = (await s.tokens.create({ name: 'olga', role: 'operator' }, 'test')).token;
    await s.mappings.set({ kind: 'sku', scope: 'shop-eu', key: 'A-1' }, '1001', 'seed');
    await s.mappings.set({ kind: 'sku', scope: 'shop-eu', key: 'A-2' }, '1002', 'seed');
    await s.mappings.set({ kind: 'tax', scope: 'shop-eu', key: 'VAT21' }, '7', 'seed');
    await s.mappings.set({ kind: 'carrier', scope: 'shop-us', key: 'UPS' }, 'ups_ground', 'seed');
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const importCsv = (token: string, csv: string, dryRun: boolean) =>
    app.inject({
      method: 'POST',
      url: `/api/mappings/import${dryRun ? '?dryRun=true' : ''}`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      payload: csv,
    });
  const auditOf = async (action: string) =>
    (
      await app.inject({
        method: 'GET',
        url: `/api/audit?action=${action}`,
        headers: { authorization: `Bearer ${admin}` },
      })
    ).json<{ actor: string; targetId: string; after: unknown }[]>();
  const current = async () =>
    Object.fromEntries(
      (await store.mappingSets.allCurrentMappings()).map((m) => [`${m.kind}/${m.scope}/${m.key}`, m.value]),
    );

  // Lines 2, 4 and 9 are good; every other data line is wrong in its own way.
  const MIXED = [
    'kind,scope,key,value',
    'sku,shop-eu,A-1,2001',
    'skus,shop-eu,A-3,3',
    'sku,shop-eu,A-4,1004',
    'sku,shop-eu,,1005',
    'sku,shop-eu,A-6',
    'sku,shop-eu,A-1,2002',
    'tax,shop-eu,VAT21,8',
    'carrier,shop-us,UPS,',
    'sku,shop-eu,GONE,',
    'sku, shop-eu,A-7,1007',
    'sku,shop-eu,A-8,"   "',
  ].join('\n');

  it('a dry run lists what would change and every bad row at once, by line, column and what is wrong, and changes nothing', async () => {
    const before = await current();
    const r = await importCsv(operator, MIXED, true);
    expect(r.statusCode, r.body).toBe(200);
    const report = r.json();
    expect(report.errors).toEqual([
      { row: 3, column: 'kind', message: expect.stringContaining('"skus" is not a mapping kind') },
      { row: 5, column: 'key', message: 'key is empty' },
      { row: 6, column: null, message: '3 fields, expected 4 (kind, scope, key, value)' },
      { row: 7, column: 'key', message: 'sku/shop-eu/A-1 is already on row 2' },
      { row: 8, column: 'kind', message: 'role operator may not change tax mappings (only sku, carrier)' },
      {
        row: 10,
        column: 'value',
        message: 'empty value removes a mapping, and sku/shop-eu/GONE has none to remove',
      },
      { row: 11, column: 'scope', message: 'scope " shop-eu" starts or ends with spaces' },
      {
        row: 12,
        column: 'value',
        message: 'value is only spaces (leave it empty to remove the mapping)',
      },
    ]);
    expect(report.changes).toEqual([
      { row: 2, kind: 'sku', scope: 'shop-eu', key: 'A-1', from: '1001', fromVersion: 1, to: '2001' },
      { row: 4, kind: 'sku', scope: 'shop-eu', key: 'A-4', from: null, fromVersion: null, to: '1004' },
      { row: 9, kind: 'carrier', scope: 'shop-us', key: 'UPS', from: 'ups_ground', fromVersion: 1, to: null },
    ]);
    expect(report).toMatchObject({ dryRun: true, rows: 11, applied: false, pending: null });
    expect(await current()).toEqual(before);
  });

  it('a real import with any bad row changes nothing and names every bad row', async () => {
    const before = await current();
    const r = await importCsv(operator, MIXED, false);
    expect(r.statusCode).toBe(400);
    const { message } = r.json<{ message: string }>();
    expect(message).toMatch(/^8 bad rows, nothing imported: /);
    for (const row of [3, 5, 6, 7, 8, 10, 11, 12]) expect(message).toContain(`row ${row}`);
    expect(await current()).toEqual(before);
    expect(await auditOf('mapping.import')).toHaveLength(0);
  });

  it('imports a clean file in one go: new versions for what changed, untouched rows left alone, each change audited', async () => {
    const csv =
      'kind,scope,key,value\nsku,shop-eu,A-1,2001\nsku,shop-eu,A-2,1002\nsku,shop-eu,"A,9","quoted, value"\n';
    const r = await importCsv(admin, csv, false);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ dryRun: false, rows: 3, unchanged: 1, applied: true, errors: [] });
    expect(r.json().changes.map((c: { key: string }) => c.key)).toEqual(['A-1', 'A,9']);
    const a1 = await s.mappings.history({ kind: 'sku', scope: 'shop-eu', key: 'A-1' });
    expect(a1.map((v) => [v.version, v.value, v.createdBy])).toEqual([
      [1, '1001', 'seed'],
      [2, '2001', 'token:ada'],
    ]);
    expect((await s.mappings.history({ kind: 'sku', scope: 'shop-eu', key: 'A-2' })).length).toBe(1);
    expect((await auditOf('mapping.import')).map((e) => [e.actor, e.targetId, e.after])).toEqual([
      ['token:ada', 'sku/shop-eu/A,9', { version: 1, value: 'quoted, value', row: 4 }],
      ['token:ada', 'sku/shop-eu/A-1', { version: 2, value: '2001', row: 2 }],
    ]);
  });

  it('exports the current mappings as CSV that imports back as no change', async () => {
    const r = await app.inject({
      method: 'GET',
      url: '/api/mappings/export.csv',
      headers: { authorization: `Bearer ${operator}` },
    });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(r.headers['content-disposition']).toBe('attachment; filename="ferry-mappings.csv"');
    expect(r.body).toBe(
      [
        'kind,scope,key,value',
        'carrier,shop-us,UPS,ups_ground',
        'sku,shop-eu,"A,9","quoted, value"',
        'sku,shop-eu,A-1,2001',
        'sku,shop-eu,A-2,1002',
        'tax,shop-eu,VAT21,7',
        '',
      ].join('\n'),
    );
    const back = (await importCsv(admin, r.body, true)).json();
    expect(back).toMatchObject({ rows: 5, unchanged: 5, changes: [], errors: [] });
  });

  it('exports one kind in one scope, and leaves out removed mappings', async () => {
    await s.mappings.set({ kind: 'sku', scope: 'shop-eu', key: 'A-2' }, null, 'seed');
    const r = await app.inject({
      method: 'GET',
      url: '/api/mappings/export.csv?kind=sku&scope=shop-eu',
      headers: { authorization: `Bearer ${operator}` },
    });
    expect(r.body).toBe('kind,scope,key,value\nsku,shop-eu,"A,9","quoted, value"\nsku,shop-eu,A-1,2001\n');
    expect(r.headers['content-disposition']).toBe('attachment; filename="ferry-mappings-sku-shop-eu.csv"');
  });

  it('reads a file larger than one query can compare, and larger than a webhook body may be', async () => {
    const n = 1200;
    const lines = Array.from(
      { length: n },
      (_, i) => `sku,bulk,B-${String(i).padStart(5, '0')},${1_000_000 + i}`,
    );
    // Long values push the file past the 2 MiB webhook body limit.
    lines.push(`rule,bulk,long,${'x'.repeat(2_200_000)}`);
    const csv = ['kind,scope,key,value', ...lines].join('\n');
    const dry = (await importCsv(admin, csv, true)).json();
    expect(dry).toMatchObject({ rows: n + 1, unchanged: 0, errors: [] });
    expect(dry.changes).toHaveLength(n + 1);
    const done = await importCsv(admin, csv, false);
    expect(done.statusCode, done.body.slice(0, 200)).toBe(200);
    expect((await s.mappings.list('sku', 'bulk')).length).toBe(n);
    const again = (await importCsv(admin, csv, true)).json();
    expect(again).toMatchObject({ unchanged: n + 1, changes: [] });
  });

  it('says what is wrong with a file it cannot read as a whole: header, empty, unclosed quote', async () => {
    const errorsOf = async (csv: string) => (await importCsv(admin, csv, true)).json().errors;
    expect(await errorsOf('kind,scope,id,value\nsku,a,b,c\n')).toEqual([
      {
        row: 1,
        column: null,
        message: 'the header must name the columns kind, scope, key, value; missing key; unknown id',
      },
    ]);
    expect(await errorsOf('kind,scope,key,value\n')).toEqual([
      { row: 1, column: null, message: 'no rows after the header' },
    ]);
    const quote = await errorsOf('kind,scope,key,value\nsku,a,"b,c\n');
    expect(quote).toEqual([{ row: 2, column: null, message: expect.stringContaining('Quote Not Closed') }]);
  });

  it('refuses an import to a viewer, and one that is not CSV', async () => {
    const viewer = (await s.tokens.create({ name: 'vic', role: 'viewer' }, 'test')).token;
    expect((await importCsv(viewer, 'kind,scope,key,value\n', true)).statusCode).toBe(403);
    const json = await app.inject({
      method: 'POST',
      url: '/api/mappings/import?dryRun=true',
      headers: { authorization: `Bearer ${admin}` },
      payload: { rows: [] },
    });
    expect(json.statusCode).toBe(400);
  });
});
