import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateConfig } from '../ops/config/index.js';
import { openStore, type Store } from '../store/index.js';
import { ManualClock } from '../test-helpers/stores.js';
import { wireAlerts } from './alerts.js';
import { envSecretResolver } from './flows.js';

describe('alerts configured for Slack and PagerDuty', () => {
  let server: Server;
  let store: Store;
  let dir: string;
  const got: { path: string; body: Record<string, unknown> }[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let text = '';
      req.on('data', (d: Buffer) => (text += d.toString()));
      req.on('end', () => {
        got.push({ path: req.url ?? '', body: JSON.parse(text) as Record<string, unknown> });
        res.writeHead(req.url === '/pd' ? 202 : 200).end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    dir = mkdtempSync(join(tmpdir(), 'ferry-alert-senders-'));
    store = await openStore(join(dir, 'ferry.db'));
  });
  afterAll(async () => {
    await store.close();
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends each start to every configured destination, with secrets from their references', async () => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const config = validateConfig({
      channels: [
        {
          id: 'shop-eu',
          kind: 'shopify',
          shopDomain: 'eu.myshopify.com',
          webhookSecret: 'env:H',
          accessToken: 'env:T',
        },
      ],
      alerts: {
        noOrdersMinutes: { 'shop-eu': 1 },
        slack: { webhookUrl: 'env:SLACK_HOOK' },
        pagerduty: { routingKey: 'env:PD_KEY', url: `${base}/pd` },
      },
    });
    const clock = new ManualClock();
    const errors: unknown[] = [];
    const { monitor } = wireAlerts(config, {
      store,
      clock,
      partners: () => [],
      resolveSecret: envSecretResolver({ SLACK_HOOK: `${base}/slack`, PD_KEY: 'pd-routing-key' }),
      onError: (e) => errors.push(e),
    });
    clock.advance(2 * 60_000);
    await monitor.evaluate();
    expect(errors).toEqual([]);
    expect(got.map((g) => g.path)).toEqual(['/slack', '/pd']);
    expect(got[0]!.body.text).toMatch(/^FIRING no_orders shop-eu: no orders from shop-eu for 2 minutes/);
    expect(got[1]!.body).toMatchObject({ routing_key: 'pd-routing-key', event_action: 'trigger' });
  });

  it('refuses trading hours it cannot apply, naming the field', () => {
    const channel = {
      id: 'shop-eu',
      kind: 'shopify',
      shopDomain: 'eu.myshopify.com',
      webhookSecret: 'env:H',
      accessToken: 'env:T',
    };
    expect(() =>
      validateConfig({
        channels: [{ ...channel, tradingHours: { timeZone: 'Mars/Olympus', from: '18:00', to: '08:00' } }],
      }),
    ).toThrow(
      /channels\[0\]\.tradingHours\.timeZone: expected an IANA time zone[\s\S]*channels\[0\]\.tradingHours\.to: from must be before to/,
    );
  });
});
