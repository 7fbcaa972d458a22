import type { Command } from '@commander-js/extra-typings';
import { systemClock } from '../../core/clock.js';
import { OrderHoldService } from '../../api/admin/services/holds.js';
import { cliActor, withStore } from '../shared.js';

/** `ferry orders hold|release ID --reason TEXT`: holds before release, audited. */
export function registerOrdersCommands(program: Command): void {
  const orders = program.command('orders').description('orders: hold before release, release');
  orders
    .command('hold')
    .description("hold an order before release to the warehouse (Ferry's id or any system's reference)")
    .argument('<id>')
    .requiredOption('--reason <text>', 'why, for the audit trail and the timeline')
    .option('--db <location>', 'store location (env FERRY_DB)')
    .action(async (id, flags) => {
      await withStore(flags, async (store) => {
        const r = await new OrderHoldService(store, systemClock).hold(id, flags.reason, cliActor());
        console.log(`ferry: order ${r.order} held (${r.holds.map((h) => h.kind).join(', ')})`);
      });
    });
  orders
    .command('release')
    .description("end an order's holds; the warehouse release is asked again")
    .argument('<id>')
    .requiredOption('--reason <text>', 'why, for the audit trail and the timeline')
    .option('--db <location>', 'store location (env FERRY_DB)')
    .action(async (id, flags) => {
      await withStore(flags, async (store) => {
        const r = await new OrderHoldService(store, systemClock).release(id, flags.reason, cliActor());
        console.log(
          `ferry: order ${r.order} released from its holds${r.releaseQueued ? '; release to the warehouse queued' : ''}`,
        );
      });
    });
}
