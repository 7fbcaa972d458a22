import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OdooSimulator, seedProduct } from '../sandbox/odoo/index.js';
import { runCli } from '../test-helpers/processes.js';

describe('ferry odoo verify', () => {
  const sim = new OdooSimulator({ version: 17, db: 'ferry' });
  beforeAll(async () => {
    await sim.start();
    seedProduct(sim.core, { sku: 'V-1', stock: { WH: 10 } });
  });
  afterAll(() => sim.stop());

  it('reports version, protocol and checks as one JSON object, exit 0 when all pass', async () => {
    const r = await runCli([
      'odoo',
      'verify',
      '--url',
      sim.url,
      '--db',
      'ferry',
      '--login',
      'admin',
      '--key',
      'sim-admin-key',
      '--json',
    ]);
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

  it('exits non-zero with one clear failing check for a bad key', async () => {
    const r = await runCli([
      'odoo',
      'verify',
      '--url',
      sim.url,
      '--db',
      'ferry',
      '--login',
      'admin',
      '--key',
      'wrong',
      '--json',
    ]);
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
