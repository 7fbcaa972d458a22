import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../core/clock.js';
import { FerryError } from '../core/errors.js';
import { EventBus, PartnerGuard } from '../engine/index.js';
import { createLogger } from '../ops/logging/index.js';
import { FerryMetrics, registerMetricsRoute } from '../ops/metrics/index.js';
import { openStore, type Store } from '../store/index.js';
import { adminServices, registerAdmin } from './admin/index.js';
import { buildHttp } from './server.js';

describe('partner health with Odoo unreachable', () => {
  let dir: string;
  let store: Store;
  const odoo = new PartnerGuard({ name: 'odoo', ratePerSec: 100 }, systemClock);
  const shop = new PartnerGuard({ name: 'shopify:eu', ratePerSec: 100 }, systemClock);
  const wms = new PartnerGuard({ name: 'wms:west', ratePerSec: 100 }, systemClock);
  const partners = () => [odoo, shop, wms];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ferry-partners-'));
    store = await openStore(join(dir, 'ferry.db'));
    await odoo
      .call(() =>
        Promise.reject(
          new FerryError('partner_unavailable', 'connect ECONNREFUSED 10.0.0.5:8069', { partner: 'odoo' }),
        ),
      )
      .catch(() => undefined);
    await shop.call(() => Promise.resolve('ok'));
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stays ready (intake keeps taking webhooks) and reports each partner in /readyz, /api/partners and /metrics', async () => {
    const metrics = new FerryMetrics(new EventBus(), { store, clock: systemClock, partners });
    const http = buildHttp({
      store,
      workersRunning: () => true,
      bodyLimitBytes: 1024,
      logger: createLogger({ level: 'silent' }),
      partners,
    });
    const services = adminServices({ store, clock: systemClock, laneNames: ['intake'], partners });
    await registerAdmin(http, services);
    registerMetricsRoute(http, metrics);
    const { token } = await services.tokens.create({ name: 'v', role: 'viewer' }, 'test');

    const ready = await http.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({
      status: 'ready',
      checks: { store: 'ok', migrations: 'ok', workers: 'ok' },
      partners: [
        { name: 'odoo', health: 'failing', breaker: 'closed', lastError: 'partner_unavailable' },
        { name: 'shopify:eu', health: 'healthy', breaker: 'closed' },
        { name: 'wms:west', health: 'unknown', breaker: 'closed' },
      ],
    });
    expect(ready.body).not.toContain('10.0.0.5');
    const api = await http.inject({
      method: 'GET',
      url: '/api/partners',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(api.json()).toEqual(ready.json().partners.map((p: object) => expect.objectContaining(p)));
    const text = (await http.inject({ method: 'GET', url: '/metrics' })).body;
    expect(text).toContain('ferry_partner_up{partner="odoo"} 0');
    expect(text).toContain('ferry_partner_up{partner="shopify:eu"} 1');
    expect(text).not.toMatch(/ferry_partner_up\{partner="wms:west"\}/);
    metrics.stop();
    await http.close();
  });
});
