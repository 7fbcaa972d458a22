/**
 * Alerts from the configuration, evaluated by the scheduler: each start and end reaches the alert
 * webhook (a real HTTP receiver) once, even with two Ferry processes on one PostgreSQL database.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parkException } from '../test-helpers/adminFixtures.js';
import { validateConfig } from '../ops/config/index.js';
import { createLogger } from '../ops/logging/index.js';
import { ManualClock, describeStores, waitFor } from '../test-helpers/stores.js';
import { startFerry, type FerryApp } from './index.js';

interface Notice {
  status: string;
  rule: string;
  subject: string;
  since: string;
  resolvedAt?: string;
}

describeStores('alerts evaluated by the scheduler', (fx) => {
  const clock = new ManualClock();
  const received: Notice[] = [];
  let server: Server;
  let apps: FerryApp[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Notice);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    for (const a of apps) await a.stop(2000);
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('posts each start and end once, however many processes evaluate', async () => {
    const seed = await fx().open({ clock });
    for (let i = 0; i < 3; i++) await parkException(seed, clock.now(), { impact: 'info' });
    await seed.close();
    const config = validateConfig({
      alerts: {
        everySeconds: 5,
        webhookUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`,
        exceptionGrowth: { windowMinutes: 60, threshold: 2 },
      },
    });
    // SQLite is one process; on PostgreSQL two processes share the database and both schedule.
    const processes = fx().kind === 'postgres' ? 2 : 1;
    for (let i = 0; i < processes; i++)
      apps.push(
        await startFerry({
          db: fx().location,
          config,
          mode: 'worker',
          clock,
          logger: createLogger({ level: 'silent' }),
        }),
      );

    clock.advance(10_000);
    await waitFor(() => received.length > 0, 'the firing notice', 15_000);
    expect(received[0]).toMatchObject({
      status: 'firing',
      rule: 'exception_growth',
      subject: 'exceptions',
      since: new Date(clock.now()).toISOString(),
    });
    // more firings while it still fires: no second notice
    for (let i = 0; i < 3; i++) {
      clock.advance(5_000);
      await new Promise((r) => setTimeout(r, 1200));
    }
    expect(received).toHaveLength(1);
    for (const a of apps) expect(await a.alerts.refresh()).toHaveLength(1);

    clock.advance(61 * 60_000); // the exceptions leave the window
    await waitFor(() => received.length > 1, 'the resolved notice', 15_000);
    await new Promise((r) => setTimeout(r, 2500));
    expect(received.map((n) => n.status)).toEqual(['firing', 'resolved']);
    expect(received[1]!.resolvedAt).toBeDefined();
    for (const a of apps) expect(await a.alerts.refresh()).toEqual([]);
    await Promise.all(apps.map((a) => a.stop(2000)));
    apps = [];
  }, 60_000);
});
