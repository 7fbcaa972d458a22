import { readFileSync } from 'node:fs';
import { Command, Option } from '@commander-js/extra-typings';
import { COMMAND_MODULES, moduleOf } from './commandIndex.js';

/** package.json sits two levels up from both src/cli and dist/cli. */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/**
 * The program with the module of command `load` registered in full ('all': every module) and the other
 * commands as names and descriptions only, which is all `ferry --help` shows of them.
 */
export async function buildProgram(load: string | undefined): Promise<Command> {
  const program = new Command('ferry')
    .description('Ferry keeps sales channels, Odoo and warehouses in step')
    .version(packageVersion());
  const wanted = load === 'all' ? undefined : moduleOf(load);
  for (const m of COMMAND_MODULES) {
    if (load === 'all' || m === wanted) {
      (await m.load())(program);
      continue;
    }
    for (const c of m.commands) {
      const placeholder = program.command(c.name).description(c.description);
      // Commander marks commands that take options with "[options]" in the list: keep that mark.
      if (c.hasOptions) placeholder.addOption(new Option('--options').hideHelp());
    }
  }
  return program;
}

/** The top-level command a command line runs (`ferry help X` runs X's help). */
export function commandOf(args: readonly string[]): string | undefined {
  return args[0] === 'help' ? args[1] : args[0];
}
