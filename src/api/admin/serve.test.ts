import { mkdtempSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFerry, type FerryApp } from '../../app/index.js';
import { validateConfig } from '../../ops/config/index.js';
import { createLogger } from '../../ops/logging/index.js';
import { TokenService } from '../auth/index.js';
import { systemClock } from '../../core/clock.js';

describe('ferry serve exposes the admin API, /docs and /metrics', () => {
  let app: FerryApp;
  beforeAll(async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'ferry-serve-')), 'ferry.db');
    app = await startFerry({
      db,
      config: validateConfig({}),
      mode: 'serve',
      port: 0,
      logger: createLogger({ level: 'silent' }),
    });
  });
  afterAll(() => app.stop(1000));

  it('answers /api with a token, /docs and /metrics without', async () => {
    const { token } = await new TokenService(app.store, systemClock).create(
      { name: 'ops', role: 'operator' },
      'test',
    );
    const lanes = await app.http!.inject({
      method: 'GET',
      url: '/api/lanes',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(lanes.statusCode).toBe(200);
    expect(lanes.json().map((l: { lane: string }) => l.lane)).toEqual(
      expect.arrayContaining(['intake', 'orders']),
    );
    expect((await app.http!.inject({ method: 'GET', url: '/api/lanes' })).statusCode).toBe(401);
    expect(
      (await app.http!.inject({ method: 'GET', url: '/docs/json' })).json().paths['/api/lanes'],
    ).toBeDefined();
    const metrics = await app.http!.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('# TYPE ferry_queue_depth gauge');
    for (const name of [
      'process_cpu_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_heap_size_used_bytes',
      'nodejs_eventloop_lag_seconds',
    ])
      expect(metrics.body).toContain(`# TYPE ${name}`);
    expect(metrics.body).toMatch(
      /ferry_http_request_duration_seconds_count\{method="GET",route="\/api\/lanes",status="200"\} 1/,
    );
    expect((await app.http!.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    const live = await app.http!.inject({ method: 'GET', url: '/livez' });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ status: 'ok' });
  });

  it('describes every route in OpenAPI, each operation with its answers', async () => {
    const doc = (await app.http!.inject({ method: 'GET', url: '/docs/json' })).json<{
      paths: Record<string, Record<string, { responses?: Record<string, { content?: unknown }> }>>;
    }>();
    for (const path of ['/livez', '/healthz', '/readyz', '/webhooks/shopify/{channel}', '/metrics'])
      expect(doc.paths[path], path).toBeDefined();
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method, op })),
    );
    expect(ops.filter((o) => o.path.startsWith('/api/')).length).toBeGreaterThan(25);
    for (const { path, method, op } of ops.filter((o) => !o.path.startsWith('/docs'))) {
      const ok = Object.entries(op.responses ?? {}).filter(([code]) => code.startsWith('2'));
      expect(ok.length, `${method} ${path}`).toBeGreaterThan(0);
      if (path.startsWith('/api/')) {
        expect(ok[0]![1].content, `${method} ${path}`).toBeDefined();
        expect(op.responses!['401'], `${method} ${path}`).toBeDefined();
      }
    }
  });
});

describe('ferry serve with FERRY_KEYRING_FILE', () => {
  let app: FerryApp;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ferry-serve-ring-'));
    const ringFile = join(dir, 'keyring.json');
    writeFileSync(
      ringFile,
      JSON.stringify({ primary: 'k1', keys: { k1: randomBytes(32).toString('base64') } }),
    );
    app = await startFerry({
      db: join(dir, 'ferry.db'),
      config: validateConfig({}),
      mode: 'serve',
      port: 0,
      env: { FERRY_KEYRING_FILE: ringFile },
      logger: createLogger({ level: 'silent' }),
    });
  });
  afterAll(() => app.stop(1000));

  it('sets and lists secrets through /api/secrets, never showing the value', async () => {
    const { token } = await new TokenService(app.store, systemClock).create(
      { name: 'root', role: 'admin' },
      'test',
    );
    const headers = { authorization: `Bearer ${token}` };
    const put = await app.http!.inject({
      method: 'PUT',
      url: '/api/secrets/WMS_TOKEN',
      headers,
      payload: { value: 'tok-very-secret' },
    });
    expect(put.statusCode).toBe(200);
    const list = await app.http!.inject({ method: 'GET', url: '/api/secrets', headers });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual([expect.objectContaining({ name: 'WMS_TOKEN', version: 1, keyId: 'k1' })]);
    expect(list.body).not.toContain('tok-very-secret');
  });
});

describe('ferry serve with unresolvable secret references', () => {
  it('lists every one at once, without any value, and starts nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ferry-serve-refs-'));
    const channel = (id: string) => ({
      id,
      kind: 'shopify',
      shopDomain: `${id}.myshopify.com`,
      adminUrl: 'http://127.0.0.1:9',
      webhookSecret: `env:${id.toUpperCase().replace('-', '_')}_HOOK`,
      accessToken: `secret:${id.toUpperCase().replace('-', '_')}_TOKEN`,
      currencies: ['EUR'],
    });
    const start = startFerry({
      db: join(dir, 'ferry.db'),
      config: validateConfig({ channels: [channel('shop-eu'), channel('shop-us')] }),
      mode: 'serve',
      port: 0,
      env: { SHOP_US_HOOK: 'hook-value-us' },
      logger: createLogger({ level: 'silent' }),
    });
    await expect(start).rejects.toThrow(
      [
        '3 secret references cannot be resolved:',
        '  channels[0].webhookSecret: env:SHOP_EU_HOOK is not set in the environment',
        '  channels[0].accessToken: secret:SHOP_EU_TOKEN needs a key ring (FERRY_KEYRING_FILE or FERRY_KEYRING)',
        '  channels[1].accessToken: secret:SHOP_US_TOKEN needs a key ring (FERRY_KEYRING_FILE or FERRY_KEYRING)',
      ].join('\n'),
    );
    await expect(start).rejects.not.toThrow(/hook-value-us/);
  });
});
