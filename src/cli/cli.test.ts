import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { parseKeyRing } from '../ops/secrets/index.js';
import { openStore } from '../store/index.js';
import { parkException } from '../test-helpers/adminFixtures.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../test-helpers/processes.js';

const dir = mkdtempSync(join(tmpdir(), 'ferry-cli-'));

describe('ferry CLI on bad input', () => {
  it('refuses a corrupt SQLite file by name, exits non-zero, and leaves the file untouched', async () => {
    const file = join(dir, 'corrupt.db');
    const bytes = Buffer.from('this is not a database, it is a shopping list\n'.repeat(200));
    writeFileSync(file, bytes);
    const r = await runCli(['jobs', 'ls', '--db', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file} is not a usable SQLite database`);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('names an unreachable PostgreSQL server without printing its password', async () => {
    const r = await runCli(['migrate'], { FERRY_DB: 'postgres://ferry:hunter2@127.0.0.1:1/ferry' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'cannot reach PostgreSQL at postgres://ferry:***@127.0.0.1:1/ferry: connection refused',
    );
    expect(r.stderr).not.toContain('hunter2');
  });

  it('validates a configuration file, listing every problem, before starting anything', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      'channels:\n  - { id: eu, kind: shopify, shopDomain: eu.myshopify.com }\nlanes: [{ name: intake, concurrency: 0 }]\n',
    );
    const check = await runCli(['config', 'check', bad]);
    expect(check.code).toBe(2);
    expect(check.stderr).toContain('channels[0].webhookSecret: required');
    expect(check.stderr).toContain('lanes[0].concurrency: Too small');
    const db = join(dir, 'never.db');
    const serve = await runCli(['serve', '--config', bad, '--db', db, '--port', '0']);
    expect(serve.code).toBe(2);
    expect(serve.stderr).toContain('channels[0].accessToken: required');
    expect(existsSync(db)).toBe(false);
  });

  it('says what is wrong with an exception command and changes nothing', async () => {
    const db = join(dir, 'ex.db');
    const show = await runCli(['exceptions', 'show', '42', '--db', db]);
    expect(show.code).toBe(1);
    expect(show.stderr).toContain('exception 42 does not exist');
    const skip = await runCli(['exceptions', 'skip', 'abc', '--reason', 'x', '--db', db]);
    expect(skip.code).toBe(2);
    expect(skip.stderr).toContain('expected an exception id (a positive number), got "abc"');
    const ls = await runCli(['jobs', 'ls', '--state', 'done', '--db', db]);
    expect(ls.code).not.toBe(0);
    expect(ls.stderr).toContain(
      '--state: expected one of ready, running, completed, excepted, skipped, got "done"',
    );
  });
});

describe('ferry config check', () => {
  it('says what type was expected and found, resolves references without printing them, and applies the environment guard', async () => {
    const file = join(dir, 'types.yaml');
    writeFileSync(
      file,
      [
        'environment: production',
        'odoo: { url: "http://127.0.0.1:8069", database: prod, login: bot, apiKey: env:ODOO_KEY, shippingProductId: "31x" }',
        'channels:',
        '  - { id: shop-eu, kind: shopify, shopDomain: eu.myshopify.com, webhookSecret: env:HOOK_EU, accessToken: secret:TOK_EU, currencies: [EUR], pollEveryMinutes: ten }',
        'lanes: [{ name: intake, concurrency: 2, speed: 3 }]',
        '',
      ].join('\n'),
    );
    const types = await runCli(['config', 'check', file]);
    expect(types.code).toBe(2);
    expect(types.stderr).toContain('odoo.shippingProductId: expected number, found string');
    expect(types.stderr).toContain('channels[0].pollEveryMinutes: expected number, found string');
    expect(types.stderr).toContain('lanes[0].speed: unknown field');
    expect(types.stderr).not.toContain('required');

    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('"31x"', '31').replace('ten', '10').replace(', speed: 3', ''),
    );
    const refs = await runCli(['config', 'check', file, '--db', join(dir, 'check.db')], {
      ODOO_KEY: 'odoo-key-value-1',
    });
    expect(refs.code).toBe(2);
    for (const line of [
      'odoo.url: 127.0.0.1 is a simulator (loopback) host, and this profile is production',
      'channels[0].webhookSecret: env:HOOK_EU is not set in the environment',
      'channels[0].accessToken: secret:TOK_EU needs a key ring (FERRY_KEYRING_FILE or FERRY_KEYRING)',
    ])
      expect(refs.stderr).toContain(line);
    expect(refs.stderr + refs.stdout).not.toContain('odoo-key-value-1');
    expect(refs.stderr).not.toContain('odoo.apiKey');
  }, 60_000);
});

describe('ferry secrets init', () => {
  it('writes a key ring readable by its owner only, refuses to overwrite one, and secrets work with it', async () => {
    const ring = join(dir, 'keyring.json');
    const init = await runCli(['secrets', 'init', '--keyring', ring]);
    expect(init.code, init.stderr).toBe(0);
    expect(statSync(ring).mode & 0o777).toBe(0o600);
    const parsed = parseKeyRing(readFileSync(ring, 'utf8'), ring);
    expect(parsed.keys.get(parsed.primary)).toHaveLength(32);
    expect(init.stdout).toContain(`export FERRY_KEYRING_FILE=${ring}`);
    expect(init.stdout + init.stderr).not.toContain(parsed.keys.get(parsed.primary)!.toString('base64'));
    const again = await runCli(['secrets', 'init', '--keyring', ring]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain(`${ring} already exists`);
    const ls = await runCli(['secrets', 'ls', '--db', join(dir, 'ring.db')], { FERRY_KEYRING_FILE: ring });
    expect(ls.code, ls.stderr).toBe(0);
  }, 60_000);
});

describe('ferry exceptions ls and show', () => {
  it('print the whole message and a readable page with the commands that fix it; --json keeps the record', async () => {
    const db = join(dir, 'readable.db');
    const store = await openStore(db);
    const message =
      'order shop-eu-1001: rule sku-mapping: line 2 SKU "LEGACY-0042" has no Odoo product; add a mapping (ferry mappings set sku shop-eu LEGACY-0042 <Odoo SKU>) or the product in Odoo, then replay (ferry exceptions replay <id>)';
    const id = await parkException(store, Date.parse('2026-12-01T10:00:00Z'), {
      impact: 'blocks-shipment',
      entities: { order: 'shop-eu-1001', rule: 'sku-mapping', sku: 'LEGACY-0042' },
      message,
    });
    await store.close();
    const ls = await runCli(['exceptions', 'ls', '--db', db]);
    expect(ls.code, ls.stderr).toBe(0);
    expect(ls.stdout).toContain(message);
    const show = await runCli(['exceptions', 'show', String(id), '--db', db]);
    expect(show.code, show.stderr).toBe(0);
    for (const line of [
      `exception ${id}: open, impact blocks-shipment, code mapping_missing`,
      'rule      sku-mapping',
      'order     shop-eu-1001',
      'sku       LEGACY-0042',
      'to fix:',
      '  ferry mappings set sku shop-eu LEGACY-0042 <Odoo SKU>',
      `  ferry exceptions replay ${id}`,
      `  ferry exceptions skip ${id} --reason TEXT`,
    ])
      expect(show.stdout).toContain(line);
    expect(show.stdout).not.toContain('resolvedAt');
    expect(show.stdout).not.toContain('{');
    const json = await runCli(['exceptions', 'show', String(id), '--db', db, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ id, status: 'open', resolvedAt: null, message });
  }, 60_000);
});
