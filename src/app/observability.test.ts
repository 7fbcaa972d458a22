import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../core/clock.js';
import { EventBus } from '../engine/index.js';
import { validateConfig } from '../ops/config/index.js';
import { openStore, type Store } from '../store/index.js';
import { wireObservability } from './observability.js';

describe('tracing from the configuration', () => {
  let server: Server;
  let store: Store;
  let dir = '';
  const received: string[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ferry-obs-'));
    store = await openStore(join(dir, 'ferry.db'));
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push(Buffer.concat(chunks).toString('utf8'));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const wire = (tracing: Record<string, unknown> | undefined) =>
    wireObservability(validateConfig(tracing ? { tracing } : {}), {
      store,
      clock: systemClock,
      events: new EventBus(),
      partners: () => [],
      alerts: () => [],
    });

  it('is off by default: spans carry ids but are not exported', async () => {
    const obs = wire(undefined);
    expect(obs.tracing.exporting).toBe(false);
    await obs.observe('odoo', 'createAndConfirmOrders', async () => 1);
    await obs.stop();
    expect(received).toEqual([]);
  });

  it('with tracing.otlpUrl, each partner call is exported as a client span when the process stops', async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`;
    const obs = wire({ otlpUrl: url, serviceName: 'ferry-eu' });
    expect(obs.tracing.exporting).toBe(true);
    await obs.observe('odoo', 'createAndConfirmOrders', async () => 1);
    await expect(
      obs.observe('shopify:eu', 'fulfillmentCreate', () => Promise.reject(new Error('429'))),
    ).rejects.toThrow('429');
    await obs.stop(); // shutdown flushes what the batch processor still holds
    const all = received.join('\n');
    expect(all).toContain('"odoo createAndConfirmOrders"');
    expect(all).toContain('"shopify:eu fulfillmentCreate"');
    expect(all).toContain('"ferry-eu"');
    expect(all).toMatch(/"kind":3/); // SPAN_KIND_CLIENT
  });
});
