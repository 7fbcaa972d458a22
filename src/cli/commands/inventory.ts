import type { Command } from '@commander-js/extra-typings';
import { describeExplanation, explainPublished } from '../../flows/inventory-publish/index.js';
import { iso, printTable, withStore } from '../shared.js';
import { registerResyncCommand } from './inventoryResync.js';

/**
 * `ferry inventory resync` (see inventoryResync.ts), and `ferry inventory explain SKU --channel C`: why the channel shows what it shows, from the record
 * kept with every published value (positions, in-flight units, buffer, rule, rule version).
 */
export function registerInventoryCommands(program: Command): void {
  const inventory = program.command('inventory').description('available-to-promise published to channels');
  inventory
    .command('explain')
    .description('why a channel shows its quantity for a SKU')
    .argument('<sku>', 'the SKU')
    .requiredOption('--channel <id>', 'channel id')
    .option('--history <n>', 'earlier publications to list', '5')
    .option('--db <location>', 'store location (env FERRY_DB)')
    .option('--json', 'print JSON')
    .action(async (sku, flags) => {
      await withStore(flags, async (store) => {
        const e = await explainPublished(store, sku, flags.channel, Number(flags.history) + 1);
        if (flags.json) return console.log(JSON.stringify(e, null, 2));
        if (!e.latest) {
          console.log(`${flags.channel} has never been sent a quantity for ${sku}`);
          process.exitCode = 1;
          return;
        }
        for (const line of describeExplanation(e.latest)) console.log(line);
        if (e.history.length === 0) return;
        console.log('\nearlier:');
        printTable(
          e.history.map((p) => ({
            at: iso(p.publishedAt),
            value: p.value,
            was: p.changeFrom,
            rules: p.ruleVersion,
            key: p.idempotencyKey,
          })),
        );
      });
    });
  registerResyncCommand(inventory);
}
