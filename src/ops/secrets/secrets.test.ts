import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, describeStores } from '../../test-helpers/stores.js';
import type { Store } from '../../store/index.js';
import { SecretService, loadKeyRing, parseKeyRing, preloadSecretResolver, type KeyRing } from './index.js';
import { storeDb } from '../../test-helpers/storeDb.js';

const k1 = randomBytes(32).toString('base64');
const k2 = randomBytes(32).toString('base64');
const ring = (primary: string, keys: Record<string, string>): KeyRing =>
  parseKeyRing(JSON.stringify({ primary, keys }), 'test');

describeStores('secrets at rest', (fx) => {
  let store: Store;
  const clock = new ManualClock();
  beforeAll(async () => {
    store = await fx().open({ clock });
  });
  afterAll(() => store.close());

  it('stores only ciphertext, and a copy of the database alone reveals nothing', async () => {
    const svc = new SecretService(store, ring('k1', { k1 }), clock);
    await svc.set('ODOO_KEY', 'odoo-api-key-value-123', 'admin:alice');
    const row = await storeDb(store)
      .selectFrom('secrets')
      .selectAll()
      .where('name', '=', 'ODOO_KEY')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain('odoo-api-key-value-123');
    expect(row.key_id).toBe('k1');
    expect(await svc.reveal('ODOO_KEY')).toBe('odoo-api-key-value-123');
    expect(await svc.resolveRef('secret:ODOO_KEY')).toBe('odoo-api-key-value-123');
    expect(await svc.resolveRef('env:X', { X: 'from-env' })).toBe('from-env');
  });

  it('audits set with versions and key ids, never values', async () => {
    const svc = new SecretService(store, ring('k1', { k1 }), clock);
    await svc.set('EU_HOOK', 'first-hook-secret', 'admin:alice');
    await svc.set('EU_HOOK', 'second-hook-secret', 'admin:bob');
    const trail = await store.audit.listAudit({ targetKind: 'secret', targetId: 'EU_HOOK' });
    expect(trail.map((a) => [a.action, a.actor, a.before, a.after])).toEqual([
      ['secret.set', 'admin:bob', { version: 1, keyId: 'k1' }, { version: 2, keyId: 'k1' }],
      ['secret.set', 'admin:alice', null, { version: 1, keyId: 'k1' }],
    ]);
    expect(JSON.stringify(trail)).not.toMatch(/hook-secret/);
    expect(await svc.reveal('EU_HOOK')).toBe('second-hook-secret');
  });

  it('rotation: old ciphertexts read until re-wrapped, then the old key is removable', async () => {
    const old = new SecretService(store, ring('k1', { k1 }), clock);
    await old.set('WMS_PASS', 'wms-password', 'admin:alice');
    const both = new SecretService(store, ring('k2', { k1, k2 }), clock);
    // New primary in the ring, nothing rotated yet: old rows still readable, k1 still needed.
    expect(await both.reveal('WMS_PASS')).toBe('wms-password');
    expect(await both.removableKeys()).toEqual([]);
    const report = await both.rotate('admin:alice');
    expect(report.rewrapped).toEqual(expect.arrayContaining(['ODOO_KEY', 'EU_HOOK', 'WMS_PASS']));
    expect(report.removableKeys).toEqual(['k1']);
    const onlyNew = new SecretService(store, ring('k2', { k2 }), clock);
    expect(await onlyNew.reveal('WMS_PASS')).toBe('wms-password');
    expect(await onlyNew.reveal('ODOO_KEY')).toBe('odoo-api-key-value-123');
    const trail = await store.audit.listAudit({ action: 'secret.rotate', targetId: 'WMS_PASS' });
    expect(trail[0]).toMatchObject({ before: { keyId: 'k1' }, after: { keyId: 'k2' } });
    // A second rotation has nothing left to do.
    expect((await onlyNew.rotate('admin:alice')).rewrapped).toEqual([]);
  });

  it('a missing or wrong key gives a clear error naming the secret and key, not the material', async () => {
    const missing = new SecretService(store, ring('k1', { k1 }), clock);
    await expect(missing.reveal('WMS_PASS')).rejects.toThrow(
      'secret "WMS_PASS" is wrapped with key "k2", which the key ring does not hold (it holds: k1)',
    );
    const wrong = new SecretService(store, ring('k2', { k2: k1 }), clock);
    const err = await wrong.reveal('WMS_PASS').catch((e: Error) => e);
    expect((err as Error).message).toContain('key "k2" in the key ring is not the key it was wrapped with');
    expect((err as Error).message).not.toContain(k1);
    await expect(wrong.reveal('NOPE')).rejects.toThrow('secret "NOPE" is not set');
  });

  it('preloads a synchronous resolver for app assembly', async () => {
    const resolve = await preloadSecretResolver(new SecretService(store, ring('k2', { k2 }), clock), {
      T: 'tok',
    });
    expect(resolve('secret:ODOO_KEY', 'odoo.apiKey')).toBe('odoo-api-key-value-123');
    expect(resolve('env:T', 'x')).toBe('tok');
    expect(() => resolve('secret:MISSING', 'channels[0].webhookSecret')).toThrow(
      'channels[0].webhookSecret: secret:MISSING is not set; run: ferry secrets set MISSING',
    );
  });

  it('refuses a tampered ciphertext and a bad name', async () => {
    const svc = new SecretService(store, ring('k2', { k2 }), clock);
    const row = await storeDb(store)
      .selectFrom('secrets')
      .selectAll()
      .where('name', '=', 'WMS_PASS')
      .executeTakeFirstOrThrow();
    const b = Buffer.from(row.ciphertext, 'base64');
    b[b.length - 1]! ^= 1;
    await storeDb(store)
      .updateTable('secrets')
      .set({ ciphertext: b.toString('base64') })
      .where('name', '=', 'WMS_PASS')
      .execute();
    await expect(svc.reveal('WMS_PASS')).rejects.toThrow('its ciphertext was altered');
    await expect(svc.set('1bad', 'x', 'a')).rejects.toThrow('letters, digits and _ only');
  });
});

describe('key ring loading', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-ring-'));
  it('reads a file or the environment, and names what is wrong without printing keys', () => {
    const file = join(dir, 'ring.json');
    writeFileSync(file, JSON.stringify({ primary: 'a', keys: { a: k1 } }));
    expect(loadKeyRing({ file }).primary).toBe('a');
    expect(
      loadKeyRing({ env: { FERRY_KEYRING_FILE: file } })
        .keys.get('a')!
        .toString('base64'),
    ).toBe(k1);
    expect(
      loadKeyRing({ env: { FERRY_KEYRING: JSON.stringify({ primary: 'b', keys: { b: k2 } }) } }).primary,
    ).toBe('b');
    expect(() => loadKeyRing({ env: {} })).toThrow('no key ring');
    expect(() => parseKeyRing(JSON.stringify({ primary: 'z', keys: { a: k1 } }), 'f')).toThrow(
      'primary key "z" is not among its keys',
    );
    expect(() => parseKeyRing(JSON.stringify({ primary: 'a', keys: { a: 'c2hvcnQ=' } }), 'f')).toThrow(
      'key "a" must be 32 bytes',
    );
  });
});
