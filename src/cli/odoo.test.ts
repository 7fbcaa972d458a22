import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileRuntime } from '../ops/config/index.js';
import { OdooSimulator, seedProduct } from '../sandbox/odoo/index.js';
import { ROOT, runCli } from '../test-helpers/processes.js';

const dir = mkdtempSync(join(tmpdir(), 'ferry-odoo-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI with `input` on its standard input. */
function runWithStdin(
  args: string[],
  input: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'ferry.js'), ...args], {
    cwd: ROOT,
    env: compileRuntime().env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(input);
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr })));
}

describe('ferry odoo verify', () => {
  const sim = new OdooSimulator({ version: 17, db: 'ferry' });
  beforeAll(async () => {
    await sim.start();
    seedProduct(sim.core, { sku: 'V-1', stock: { WH: 10 } });
  });
  afterAll(() => sim.stop());

  it('reads the key from an environment variable: exit 0 and one JSON object when all checks pass', async () => {
    const r = await runCli(
      [
        'odoo',
        'verify',
        '--url',
        sim.url,
        '--db',
        'ferry',
        '--login',
        'admin',
        '--key-env',
        'ODOO_KEY',
        '--json',
      ],
      { ODOO_KEY: 'sim-admin-key' },
    );
    const report = JSON.parse(r.stdout) as {
      version: string;
      protocol: string;
      ok: boolean;
      checks: { name: string; ok: boolean; roundTrips: number }[];
    };
    expect(r.code).toBe(0);
    expect(report).toMatchObject({ protocol: 'jsonrpc', ok: true });
    expect(report.version).toMatch(/^17/);
    expect(report.checks.length).toBeGreaterThan(3);
    expect(report.checks.every((c) => c.ok && typeof c.roundTrips === 'number')).toBe(true);
  }, 60_000);

  it('reads the key from a file or standard input, never from an argument', async () => {
    const base = ['odoo', 'verify', '--url', sim.url, '--db', 'ferry', '--login', 'admin', '--json'];
    const file = join(dir, 'odoo.key');
    writeFileSync(file, 'sim-admin-key\n', { mode: 0o600 });
    expect((await runCli([...base, '--key-file', file])).code).toBe(0);
    expect((await runWithStdin([...base, '--key-file', '-'], 'sim-admin-key\n')).code).toBe(0);
    const argv = await runCli([...base, '--key', 'sim-admin-key']);
    expect(argv.code).toBe(2);
    expect(argv.stderr).toContain('--key puts the key in the process list');
    expect(argv.stderr).not.toContain('sim-admin-key');
    const none = await runCli([...base, '--key-env', 'NO_SUCH_VARIABLE']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('NO_SUCH_VARIABLE is not set');
  }, 60_000);

  it('exits non-zero with one clear failing check for a bad key', async () => {
    const r = await runCli(
      [
        'odoo',
        'verify',
        '--url',
        sim.url,
        '--db',
        'ferry',
        '--login',
        'admin',
        '--key-env',
        'ODOO_KEY',
        '--json',
      ],
      { ODOO_KEY: 'wrong' },
    );
    const report = JSON.parse(r.stdout) as {
      ok: boolean;
      checks: { name: string; ok: boolean; detail: string }[];
    };
    expect(r.code).not.toBe(0);
    expect(report.ok).toBe(false);
    const failed = report.checks.filter((c) => !c.ok);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.detail).toMatch(/key|password|auth|denied/i);
    expect(r.stdout + r.stderr).not.toContain('wrong"');
  }, 60_000);
});
