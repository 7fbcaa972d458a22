/** The simulated Shopify shop of bench/lib/liveShop.ts, in its own process (see remote.ts). */
import { ShopifySimulator } from '../../src/sandbox/shopify/index.js';
import { benchOrder, type ShopOptions } from './liveShop.js';

type Request =
  | { id: number; cmd: 'target'; url: string; concurrency: number }
  | { id: number; cmd: 'send'; from: number; count: number; lines: number }
  | { id: number; cmd: 'stop' };

const opts = JSON.parse(process.argv[2] ?? '{}') as ShopOptions;
const shop = new ShopifySimulator({
  shopDomain: opts.shopDomain,
  clientSecret: opts.secret,
  accessTokens: [opts.token],
  bucket: { restoreRate: 2000, maximumAvailable: 20_000 },
});
await shop.start();

async function answer(m: Request): Promise<unknown> {
  switch (m.cmd) {
    case 'target':
      shop.setWebhookTarget({ url: m.url, concurrency: m.concurrency });
      return null;
    case 'send': {
      const deliveries = Array.from({ length: m.count }, (_, i) =>
        shop.createOrder(benchOrder(m.from + i, opts, m.lines)),
      );
      const report = await shop.webhooks!.sendAll(deliveries);
      return { failed: report.sent.filter((s) => !s.delivered).length + report.dropped.length };
    }
    case 'stop':
      await shop.stop();
      setImmediate(() => process.exit(0));
      return null;
  }
}

process.on('message', (m: Request) => {
  answer(m).then(
    (value) => process.send!({ id: m.id, value }),
    (e: unknown) => process.send!({ id: m.id, error: (e as Error).message }),
  );
});
process.send!({ id: 0, value: { url: shop.url } });
