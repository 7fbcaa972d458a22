import type { Command } from '@commander-js/extra-typings';
import { readAudit } from '../../ops/audit/index.js';
import { iso, parseSince, printTable, withStore } from '../shared.js';

/** `ferry audit ls`: who changed or did what, with before and after. */
export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('the audit trail (append-only)');
  audit
    .command('ls')
    .description('entries, newest first')
    .option('--actor <actor>', 'e.g. token:alice or cli:bob')
    .option('--action <action>', 'e.g. mapping.set, or a prefix ending in a dot: mapping.')
    .option('--kind <kind>', 'target kind: exception, mapping, lane, token, secret, shadow')
    .option('--target <id>', 'target id')
    .option('--since <when>', 'at or after: 2h, 3d or an ISO time')
    .option('--limit <n>', 'how many', '100')
    .option('--db <location>', 'store location (env FERRY_DB)')
    .option('--json', 'print JSON')
    .action(async (flags) => {
      await withStore(flags, async (store) => {
        const rows = await readAudit(store, {
          ...(flags.actor ? { actor: flags.actor } : {}),
          ...(flags.action ? { action: flags.action } : {}),
          ...(flags.kind ? { targetKind: flags.kind } : {}),
          ...(flags.target ? { targetId: flags.target } : {}),
          ...(flags.since ? { from: parseSince(flags.since) } : {}),
          limit: Number(flags.limit),
        });
        if (flags.json) return console.log(JSON.stringify(rows, null, 2));
        printTable(
          rows.map((a) => ({
            at: iso(a.at),
            actor: a.actor,
            action: a.action,
            target: `${a.targetKind}:${a.targetId}`,
            before: a.before,
            after: a.after,
          })),
        );
      });
    });
}
