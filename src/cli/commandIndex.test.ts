import { describe, expect, it } from 'vitest';
import { COMMAND_MODULES } from './commandIndex.js';
import { buildProgram } from './program.js';

describe('the lazy command index', () => {
  it('lists every command its modules register, with the description and [options] mark they give', async () => {
    const full = await buildProgram('all');
    const lazy = await buildProgram(undefined);
    // The help a user reads without a command loads no module, and shows what loading all would.
    expect(lazy.helpInformation()).toBe(full.helpInformation());
    const indexed = COMMAND_MODULES.flatMap((m) => m.commands.map((c) => c.name));
    expect(full.commands.map((c) => c.name())).toEqual(indexed);
  });

  it('registers the whole of the module a command line asks for, and names only for the others', async () => {
    const program = await buildProgram('inbox');
    const inbox = program.commands.find((c) => c.name() === 'inbox')!;
    expect(inbox.commands.map((c) => c.name())).toEqual(['replay']);
    const jobs = program.commands.find((c) => c.name() === 'jobs')!;
    expect(jobs.commands).toEqual([]);
  });
});
