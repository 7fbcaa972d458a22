#!/usr/bin/env node
/** The `ferry` command. */
import { buildProgram, commandOf } from './program.js';
import { reportFailure } from './failure.js';

try {
  const program = await buildProgram(commandOf(process.argv.slice(2)));
  await program.parseAsync(process.argv);
} catch (e) {
  process.exitCode = reportFailure(e);
}
