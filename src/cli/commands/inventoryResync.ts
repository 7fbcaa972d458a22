/**
 * `ferry inventory resync [--channel C] [--sku S,…]`: the scheduled drift correction, run now by
 * an operator. It starts Ferry's inventory wiring in this process (no lanes, no HTTP), reads Odoo
 * and each channel's Shopify levels again, publishes every difference and prints each value changed.
 *
 * It needs the in-flight orders, which live in the Ferry process that runs intake, so it refuses
 * while that process runs: the SQLite store's runtime lock and, on PostgreSQL, the inventory lease
 * say so with the holder's pid and host.
 */
import type { Command } from '@commander-js/extra-typings';
import cliProgress from 'cli-progress';
import { startFerry } from '../../app/index.js';
import { FerryError } from '../../core/errors.js';
import { resyncChannel, type ResyncReport } from '../../flows/inventory-publish/index.js';
import type { FerryConfig } from '../../ops/config/index.js';
import { createLogger } from '../../ops/logging/index.js';
import { configFrom, printTable, runtimeFrom } from '../shared.js';

/** The channels to resync: the one asked for, or every channel inventory is published to. */
export function resyncChannels(config: FerryConfig, channel: string | undefined): string[] {
  const published = Object.keys(config.inventory.channels);
  if (config.inventory.locations.length === 0 || published.length === 0)
    throw new FerryError(
      'config_invalid',
      'inventory publishing is not configured (inventory.locations and inventory.channels are empty)',
    );
  if (channel === undefined) return published;
  if (!published.includes(channel)) {
    const known = config.channels.some((c) => c.id === channel);
    throw new FerryError(
      'bad_request',
      known
        ? `channel "${channel}" has no inventory publishing configured (inventory.channels.${channel}); published: ${published.join(', ')}`
        : `unknown channel "${channel}"; inventory is published to: ${published.join(', ')}`,
      { entities: { channel } },
    );
  }
  return [channel];
}

function progressBar(): cliProgress.SingleBar {
  // Drawn on stderr and only on a terminal, so piped output (and --json) stays clean.
  return new cliProgress.SingleBar(
    { stream: process.stderr, format: '{channel} {bar} {value}/{total} items', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
}

function printReport(r: ResyncReport): void {
  const p = r.publish;
  // Positions changed in Odoo are not counted: this process read them all at start, so the count
  // would always be 0; the values published are what the operator needs.
  console.log(
    `${r.channel}: ${p?.applied ?? 0} value(s) published, ${r.drifted} item(s) had drifted on Shopify`,
  );
  if (p?.unmapped.length) console.log(`  not published, no Shopify item mapped: ${p.unmapped.join(', ')}`);
  if (p?.unstocked.length)
    console.log(`  not published, not stocked at the location: ${p.unstocked.join(', ')}`);
  if (p?.changes.length)
    printTable(
      p.changes.map((c) => ({ sku: c.sku, was: c.from, now: c.to })),
      (s) => console.log(`  ${s}`),
    );
}

/** Adds `inventory resync` to the `inventory` command. */
export function registerResyncCommand(inventory: Command): void {
  inventory
    .command('resync')
    .description('re-read Odoo and the channels now and publish every difference (Ferry must be stopped)')
    .option('--channel <id>', 'only this channel (default every channel inventory is published to)')
    .option('--sku <skus>', 'only these SKUs, comma-separated')
    .option('--db <location>', 'store location (env FERRY_DB)')
    .option('--config <file>', 'configuration file (env FERRY_CONFIG)')
    .option('--json', 'print one JSON object')
    .action(async (flags) => {
      const rt = runtimeFrom(flags);
      const config = configFrom(rt);
      const channels = resyncChannels(config, flags.channel);
      const skus = flags.sku
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (!flags.json) console.error(`ferry: reading Odoo stock for ${channels.join(', ')} …`);
      const app = await startFerry({
        db: rt.db,
        config,
        env: rt.env,
        mode: 'worker',
        lanes: [],
        inventoryOwner: true,
        logger: createLogger({ level: 'error' }),
      });
      const reports: ResyncReport[] = [];
      try {
        const inv = app.inventory.runtime!;
        for (const channel of channels) {
          const bar = progressBar();
          let started = false;
          const onProgress = (_: string, done: number, total: number) => {
            if (!started) bar.start(total, 0, { channel });
            started = true;
            bar.update(done);
          };
          try {
            reports.push(await inv.exclusive(() => resyncChannel(inv, channel, { onProgress }, skus)));
          } finally {
            bar.stop();
          }
        }
      } finally {
        await app.stop(5000);
      }
      if (flags.json) return console.log(JSON.stringify({ channels: reports }));
      for (const r of reports) printReport(r);
    });
}
