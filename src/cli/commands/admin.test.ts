import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from '@commander-js/extra-typings';
import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import { describeStores } from '../../test-helpers/stores.js';
import { registerAuditCommands } from './audit.js';
import { registerMappingsCommands } from './mappings.js';
import { registerSecretsCommands } from './secrets.js';
import { registerTokensCommands } from './tokens.js';

const dir = mkdtempSync(join(tmpdir(), 'ferry-cli-admin-'));
const k1 = randomBytes(32).toString('base64');
const k2 = randomBytes(32).toString('base64');
const ring1 = join(dir, 'ring1.json');
const ring2 = join(dir, 'ring2.json');
const ring2only = join(dir, 'ring2only.json');
writeFileSync(ring1, JSON.stringify({ primary: 'k1', keys: { k1 } }));
writeFileSync(ring2, JSON.stringify({ primary: 'k2', keys: { k1, k2 } }));
writeFileSync(ring2only, JSON.stringify({ primary: 'k2', keys: { k2 } }));

afterEach(() => vi.restoreAllMocks());

describeStores('ferry tokens, audit, secrets and mappings', (fx) => {
  let db = '';
  beforeAll(() => {
    db = fx().location;
  });

  /** Runs one command in-process; returns what it printed. */
  async function ferry(...args: string[]): Promise<string> {
    const out: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((s: unknown) => void out.push(String(s)));
    vi.spyOn(console, 'error').mockImplementation((s: unknown) => void out.push(String(s)));
    const program = new Command('ferry').exitOverride();
    registerTokensCommands(program);
    registerAuditCommands(program);
    registerSecretsCommands(program);
    registerMappingsCommands(program);
    await program.parseAsync(['node', 'ferry', ...args, '--db', db]);
    vi.restoreAllMocks();
    return out.join('\n');
  }

  it('creates a token shown once, lists it without its value, and revokes it', async () => {
    const created = await ferry(
      'tokens',
      'create',
      '--name',
      'grafana',
      '--role',
      'viewer',
      '--expires-days',
      '30',
    );
    const token = created.split('\n')[0]!;
    expect(token).toMatch(/^fy_/);
    expect(created).toContain('this is the only time it is shown');
    const ls = await ferry('tokens', 'ls', '--json');
    expect(ls).not.toContain(token);
    const [t] = JSON.parse(ls);
    expect(t).toMatchObject({ name: 'grafana', role: 'viewer', status: 'active' });
    expect(await ferry('tokens', 'revoke', String(t.id))).toContain(`token ${t.id} revoked`);
    expect(JSON.parse(await ferry('tokens', 'ls', '--json'))[0].status).toBe('revoked');
    await expect(ferry('tokens', 'create', '--name', 'x', '--role', 'root')).rejects.toThrow(
      'role "root": expected one of viewer, operator, finance, admin',
    );
  });

  it('sets, lists and rotates secrets; the old key is then removable', async () => {
    const value = join(dir, 'v.txt');
    writeFileSync(value, 'odoo-api-key-777\n');
    expect(await ferry('secrets', 'set', 'ODOO_KEY', '--from-file', value, '--keyring', ring1)).toContain(
      'secret ODOO_KEY set (version 1, key k1)',
    );
    const ls = await ferry('secrets', 'ls', '--keyring', ring1);
    expect(ls).toContain('ODOO_KEY');
    expect(ls).not.toContain('odoo-api-key-777');
    const rot = await ferry('secrets', 'rotate', '--keyring', ring2);
    expect(rot).toContain('re-wrapped 1 secret');
    expect(rot).toContain('no secret uses key k1 any more');
    expect(await ferry('secrets', 'ls', '--keyring', ring2only)).toMatch(/ODOO_KEY\s+1\s+k2/);
    expect(await ferry('secrets', 'rotate', '--keyring', ring2only)).toContain('re-wrapped 0 secrets');
    // An old key ring that lacks the new key: a clear error naming secret and key.
    await expect(ferry('secrets', 'rotate', '--keyring', ring1)).rejects.toThrow(
      'secret "ODOO_KEY" is wrapped with key "k2", which the key ring does not hold (it holds: k1)',
    );
  });

  it('versions a mapping, diffs and rolls it back, and audits every change', async () => {
    await ferry('mappings', 'set', 'carrier', 'eu', 'ups', '{"odoo":"UPS Ground","service":"03"}');
    await ferry('mappings', 'set', 'carrier', 'eu', 'ups', '{"odoo":"UPS Express","service":"03"}');
    const diff = await ferry('mappings', 'diff', 'carrier', 'eu', 'ups', '1', '2');
    expect(diff).toMatch(/odoo\s+UPS Ground\s+UPS Express/);
    expect(await ferry('mappings', 'rollback', 'carrier', 'eu', 'ups', '1')).toContain('now version 3');
    expect(await ferry('mappings', 'ls', 'carrier', 'eu')).toContain('UPS Ground');
    expect(await ferry('mappings', 'history', 'carrier', 'eu', 'ups')).toMatch(
      /1\s+\{"odoo":"UPS Ground"[\s\S]*3\s+\{"odoo":"UPS Ground"/,
    );
    const audit = JSON.parse(await ferry('audit', 'ls', '--action', 'mapping.', '--json'));
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'mapping.rollback',
      'mapping.set',
      'mapping.set',
    ]);
    expect(audit[0]).toMatchObject({
      actor: expect.stringMatching(/^cli:/),
      targetId: 'carrier/eu/ups',
      before: { version: 2 },
      after: { version: 3 },
    });
    await expect(ferry('mappings', 'set', 'colour', 'eu', 'x', 'y')).rejects.toThrow('mapping kind "colour"');
    expect(await ferry('audit', 'ls', '--kind', 'secret')).toMatch(/secret\.rotate[\s\S]*secret\.set/);
  });
});
