#!/usr/bin/env node
/** The `ferry` command. */
import { Command } from '@commander-js/extra-typings';
import { registerRuntimeCommands } from './commands/runtime.js';
import { registerJobsCommands } from './commands/jobs.js';
import { registerExceptionCommands } from './commands/exceptions.js';
import { registerConfigCommands } from './commands/config.js';
import { registerOdooCommands } from './commands/odoo.js';
import { registerTokensCommands } from './commands/tokens.js';
import { registerUsersCommands } from './commands/users.js';
import { registerAuditCommands } from './commands/audit.js';
import { registerSecretsCommands } from './commands/secrets.js';
import { registerMappingsCommands } from './commands/mappings.js';
import { registerDemoCommand } from './commands/demo.js';
import { registerOrdersCommands } from './commands/orders.js';
import { registerInventoryCommands } from './commands/inventory.js';
import { registerRetentionCommands } from './commands/retention.js';
import { registerReportCommands } from './commands/report.js';
import { reportFailure } from './shared.js';

export function buildProgram(): Command {
  const program = new Command('ferry')
    .description('Ferry keeps sales channels, Odoo and warehouses in step')
    .version('0.1.0');
  registerDemoCommand(program);
  registerRuntimeCommands(program);
  registerJobsCommands(program);
  registerExceptionCommands(program);
  registerOrdersCommands(program);
  registerConfigCommands(program);
  registerOdooCommands(program);
  registerMappingsCommands(program);
  registerTokensCommands(program);
  registerUsersCommands(program);
  registerAuditCommands(program);
  registerSecretsCommands(program);
  registerInventoryCommands(program);
  registerRetentionCommands(program);
  registerReportCommands(program);
  return program;
}

try {
  await buildProgram().parseAsync(process.argv);
} catch (e) {
  process.exitCode = reportFailure(e);
}
