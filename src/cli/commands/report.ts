/**
 * `ferry report completeness --date D [--channel C]`: the proof that nothing was lost. It reads the
 * channel's orders of the day (the reconciliation poll's query) and Odoo's sale orders, so it runs
 * Ferry's wiring in this process without lanes or HTTP, beside a running Ferry.
 */
import type { Command } from '@commander-js/extra-typings';
import { startFerry } from '../../app/index.js';
import { STAGES, type CompletenessReport } from '../../ops/completeness/index.js';
import { createLogger } from '../../ops/logging/index.js';
import { configFrom, printTable, runtimeFrom } from '../shared.js';

function print(r: CompletenessReport): void {
  const c = r.counts;
  console.log(
    `${r.channel} ${r.date}: channel ${c.channel}, Ferry ${c.ferry}, Odoo ${c.odoo}, shipped ${c.shipped}`,
  );
  for (const stage of STAGES) {
    const m = r.missing[stage];
    if (m.length === 0) continue;
    console.log(`  missing at ${stage} (${m.length}):`);
    printTable(
      m.map((o) => ({
        order: o.ref ?? o.channelOrderId,
        name: o.name ?? '',
        created: o.createdAt,
        ferry: o.ferryState ?? '-',
        overdue: o.overdue ? 'yes' : 'no',
      })),
      (s) => console.log(`    ${s}`),
    );
  }
  if (r.notInChannel.length)
    console.log(`  in Ferry but not listed by the channel: ${r.notInChannel.join(', ')}`);
}

export function registerReportCommands(program: Command): void {
  program
    .command('report')
    .description('reports')
    .command('completeness')
    .description(
      "per channel: orders the channel has vs Ferry's vs Odoo's vs shipped, every missing order listed",
    )
    .requiredOption('--date <day>', 'UTC day, YYYY-MM-DD')
    .option('--channel <id>', 'only this channel (default every Shopify channel)')
    .option('--db <location>', 'store location (env FERRY_DB)')
    .option('--config <file>', 'configuration file (env FERRY_CONFIG)')
    .option('--json', 'print JSON')
    .action(async (flags) => {
      const rt = runtimeFrom(flags);
      const app = await startFerry({
        db: rt.db,
        config: configFrom(rt),
        env: rt.env,
        mode: 'worker',
        lanes: [],
        logger: createLogger({ level: 'error' }),
      });
      try {
        const reports = await app.completeness(flags.date, flags.channel);
        if (flags.json) console.log(JSON.stringify(reports, null, 2));
        else for (const r of reports) print(r);
        // Exit 3 when an order is missing past its service level: scripts and cron can act on it.
        if (reports.some((r) => STAGES.some((s) => r.missing[s].some((m) => m.overdue))))
          process.exitCode = 3;
      } finally {
        await app.stop(2000);
      }
    });
}
