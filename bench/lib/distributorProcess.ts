/**
 * The simulated distributor (Odoo, Shopify) in a process of its own, driven over IPC, so a
 * benchmark measures Ferry's event loop and not the simulators sharing it: in production Odoo and
 * Shopify are remote systems. Run by `startRemoteDistributor`; answers one message per request.
 */
import { startDistributor, type DistributorOptions } from '../../src/sandbox/distributor.js';
import { generateOrder } from '../../src/sandbox/shopify/index.js';

type Request =
  | { id: number; cmd: 'target'; shop: string; url: string; concurrency: number }
  | { id: number; cmd: 'send'; shop: string; from: number; count: number; lines: number }
  | { id: number; cmd: 'confirmed' }
  | { id: number; cmd: 'resetCounters' }
  | { id: number; cmd: 'requestCount' }
  | { id: number; cmd: 'stop' };

const opts = JSON.parse(process.argv[2] ?? '{}') as DistributorOptions;
const dist = await startDistributor(opts);
function count(): number {
  return dist.odoo.core.db.where('sale.order', (o) => o.state === 'sale').length;
}

async function answer(m: Request): Promise<unknown> {
  switch (m.cmd) {
    case 'target':
      dist.shops.get(m.shop)!.setWebhookTarget({ url: m.url, concurrency: m.concurrency });
      return null;
    case 'send': {
      const shop = dist.shops.get(m.shop)!;
      const deliveries = Array.from({ length: m.count }, (_, i) =>
        shop.createOrder(generateOrder({ id: m.from + i, catalogue: dist.catalogue, lines: m.lines })),
      );
      const report = await shop.webhooks!.sendAll(deliveries);
      return { dropped: report.dropped.length };
    }
    case 'confirmed':
      return count();
    case 'resetCounters':
      dist.odoo.resetCounters();
      return null;
    case 'requestCount':
      return dist.odoo.requestCount;
    case 'stop':
      await dist.stop();
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
process.send!({ id: 0, value: { config: dist.config, env: dist.env } });
