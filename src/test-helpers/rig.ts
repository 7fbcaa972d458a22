/** One simulated distributor wired to a Ferry serving on port 0: the set-up of every end-to-end test. */
import type { Clock } from '../core/clock.js';
import { startFerry, type FerryApp, type FerryAppOptions } from '../app/index.js';
import { validateConfig, type FerryConfigInput } from '../ops/config/index.js';
import { createLogger } from '../ops/logging/index.js';
import { startDistributor, type Distributor, type DistributorOptions } from '../sandbox/distributor.js';

export interface Rig {
  dist: Distributor;
  app: FerryApp;
  stop(): Promise<void>;
}

export interface RigOptions {
  distributor?: DistributorOptions;
  /** Changes to the distributor's configuration (channel rules, inventory ...). */
  configure?: (config: FerryConfigInput, dist: Distributor) => FerryConfigInput;
  warehouses?: FerryAppOptions['warehouses'];
  /** Tracing to hand Ferry (an in-memory exporter), instead of the configured one. */
  tracing?: FerryAppOptions['tracing'];
  /** Ferry's clock; the system clock when absent. */
  clock?: Clock;
}

/** Starts the simulators and Ferry on `db`, and points every simulator's webhooks at Ferry. */
export async function startRig(db: string, o: RigOptions = {}): Promise<Rig> {
  const dist = await startDistributor(o.distributor ?? { products: 10 });
  const base = { ...dist.config, http: { host: '127.0.0.1', port: 0, bodyLimitBytes: 1024 * 1024 } };
  const app = await startFerry({
    db,
    config: validateConfig(o.configure ? o.configure(base, dist) : base),
    mode: 'serve',
    env: dist.env,
    logger: createLogger({ level: 'silent' }),
    ...(o.warehouses ? { warehouses: o.warehouses } : {}),
    ...(o.tracing ? { tracing: o.tracing } : {}),
    ...(o.clock ? { clock: o.clock } : {}),
  });
  for (const [id, shop] of dist.shops)
    shop.setWebhookTarget({ url: `${app.url}/webhooks/shopify/${id}`, maxAttempts: 3 });
  dist.wms?.setWebhookTarget(`${app.url}/webhooks/wms/west-wms`);
  return {
    dist,
    app,
    async stop() {
      await app.stop(2000);
      await dist.stop();
    },
  };
}
