import type { Command } from '@commander-js/extra-typings';
import { configJsonSchema, loadConfigFile } from '../../ops/config/index.js';
import { runtimeFrom } from '../shared.js';

/** `ferry config check|schema`. */
export function registerConfigCommands(program: Command): void {
  const config = program.command('config').description('the configuration file');
  config
    .command('check')
    .description('validate a configuration file and report every problem with its path')
    .argument('[file]', 'file to check (default --config / FERRY_CONFIG / ferry.config.yaml)')
    .action((file) => {
      const path = file ?? runtimeFrom({}).configPath ?? 'ferry.config.yaml';
      const cfg = loadConfigFile(path);
      console.log(
        `ferry: ${path} is valid (${cfg.environment}; ${cfg.channels.length} channel(s), ${cfg.warehouses.length} warehouse(s), ${cfg.lanes.length} lane(s))`,
      );
    });
  config
    .command('schema')
    .description("print the configuration file's JSON Schema (for editors)")
    .action(() => {
      console.log(JSON.stringify(configJsonSchema(), null, 2));
    });
}
