import type { Command } from '@commander-js/extra-typings';
import { finalReport, runDemo } from '../../sandbox/demo/index.js';
import { untilSignal } from './runtime.js';

/** `ferry demo`: Ferry on SQLite with simulated partners and a stream of orders. */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'run Ferry with simulated Odoo, Shopify stores and warehouses, and a realistic stream of orders',
    )
    .option('--minutes <n>', 'stop after this many minutes (default: until Ctrl-C)')
    .option('--rate <n>', 'orders per minute', '60')
    .option('--db <file>', 'SQLite file to use', './ferry-demo.db')
    .option('--port <port>', 'HTTP port (0 = any free port)', '8080')
    .action(async (flags) => {
      const rate = Number(flags.rate);
      if (!Number.isFinite(rate) || rate <= 0)
        throw new Error(`--rate: expected a positive number of orders per minute, got "${flags.rate}"`);
      const minutes = flags.minutes === undefined ? undefined : Number(flags.minutes);
      if (minutes !== undefined && !(minutes > 0))
        throw new Error(`--minutes: expected a positive number, got "${flags.minutes}"`);
      const stopped = untilSignal(); // before the demo prints that it runs (see serve)
      const run = await runDemo({
        db: flags.db,
        rate,
        port: Number(flags.port),
        print: (l) => console.log(l),
      });
      const timeout =
        minutes === undefined
          ? new Promise<void>(() => undefined)
          : new Promise<void>((r) => setTimeout(r, minutes * 60_000).unref());
      await Promise.race([stopped, timeout]);
      console.log('stopping…');
      const final = await run.stop();
      console.log(finalReport(final, flags.db));
    });
}
