import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateConfig } from '../ops/config/index.js';
import { createLogger } from '../ops/logging/index.js';
import { startDistributor, type Distributor } from '../sandbox/distributor.js';
import { startFerry } from './ferry.js';

describe('start-up with a misconfigured Odoo', () => {
  let dist: Distributor;
  const dir = mkdtempSync(join(tmpdir(), 'ferry-startup-'));
  beforeAll(async () => {
    dist = await startDistributor({ products: 2 });
  });
  afterAll(async () => {
    await dist.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const start = (odoo: Record<string, unknown>, env: Record<string, string> = dist.env) =>
    startFerry({
      db: join(dir, `s${Math.random()}.db`),
      config: validateConfig({
        ...dist.config,
        odoo: { ...dist.config.odoo, ...odoo },
        http: { host: '127.0.0.1', port: 0, bodyLimitBytes: 1 << 20 },
      }),
      mode: 'worker',
      env,
      logger: createLogger({ level: 'silent' }),
    });

  it('refuses to start with one clear message for a bad key or a wrong database', async () => {
    await expect(start({}, { ...dist.env, FERRY_SIM_ODOO_KEY: 'not-the-key' })).rejects.toThrow(
      /Odoo at http:\/\/127\.0\.0\.1:\d+: login check failed: .*Run "ferry odoo verify"/,
    );
    await expect(start({ database: 'nope' })).rejects.toThrow(/login check failed: .*nope/);
  });

  it('refuses to start when a mapped id belongs to another Odoo company, naming both', async () => {
    const core = dist.odoo.core;
    const b = core.callSync('res.company', 'create', [], { vals_list: { name: 'Ferry US Inc' } }) as number;
    await expect(start({ companies: { [String(b)]: { shippingProductId: 999_999 } } })).rejects.toThrow(
      `companies check failed: odoo.companies.${b}.shippingProductId: product.product 999999 does not exist`,
    );
    const journal = core.db.where('account.journal', (j) => j.type === 'sale' && j.company_id === 1)[0]!;
    await expect(start({ companies: { [String(b)]: { salesJournalId: journal.id } } })).rejects.toThrow(
      `odoo.companies.${b}.salesJournalId: account.journal ${journal.id} "${String(journal.name)}" belongs to company 1 (My Company), not to company ${b} (Ferry US Inc)`,
    );
  });

  it("refuses to start when odoo.currency is not the default company's currency in Odoo", async () => {
    await expect(start({ currency: 'EUR' })).rejects.toThrow(
      "companies check failed: odoo.currency is EUR, but Odoo company 1 (My Company) keeps its books in USD; remove odoo.currency (Ferry reads each company's currency from Odoo) or correct it",
    );
  });

  it('starts when Odoo is unreachable, warning once: webhooks are still taken in', async () => {
    const app = await start({ url: 'http://127.0.0.1:9' });
    expect(app.store).toBeDefined();
    await app.stop(1000);
  });
});
