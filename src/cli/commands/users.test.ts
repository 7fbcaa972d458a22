import { Command } from '@commander-js/extra-typings';
import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import { describeStores } from '../../test-helpers/stores.js';
import { openStore } from '../../store/index.js';
import { TokenService } from '../../api/auth/index.js';
import { systemClock } from '../../core/clock.js';
import { registerUsersCommands } from './users.js';

afterEach(() => vi.restoreAllMocks());

describeStores('ferry users', (fx) => {
  let db = '';
  beforeAll(() => {
    db = fx().location;
  });

  /** Runs one command in-process; returns what it printed. */
  async function ferry(...args: string[]): Promise<string> {
    const out: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((s: unknown) => void out.push(String(s)));
    vi.spyOn(console, 'error').mockImplementation((s: unknown) => void out.push(String(s)));
    const program = new Command('ferry').exitOverride();
    registerUsersCommands(program);
    try {
      await program.parseAsync(['node', 'ferry', ...args, '--db', db]);
    } finally {
      vi.restoreAllMocks();
    }
    return out.join('\n');
  }

  it('adds a user, mints a token that acts with its role, lists it, and makes a one-time link', async () => {
    expect(await ferry('users', 'add', 'erin', '--role', 'finance')).toMatch(/user erin \(finance\) added/);
    await expect(ferry('users', 'add', 'erin', '--role', 'admin')).rejects.toThrow(/already exists/);
    await expect(ferry('users', 'add', 'x', '--role', 'boss')).rejects.toThrow(/expected one of viewer/);
    const printed = await ferry('users', 'token', 'erin');
    const token = /fy_[A-Za-z0-9_-]{43}/.exec(printed)![0];
    const store = await openStore(db);
    try {
      const p = await new TokenService(store, systemClock).authenticate(token);
      expect(p).toMatchObject({ role: 'finance', userName: 'erin' });
    } finally {
      await store.close();
    }
    const list = await ferry('users', 'list');
    expect(list).toMatch(/erin\s+finance\s+1/);
    const link = await ferry('users', 'link', 'erin', '--url', 'https://ferry.example.com/');
    expect(link).toMatch(/^https:\/\/ferry\.example\.com\/console\/login\?link=[A-Za-z0-9_-]{43}$/m);
    await expect(ferry('users', 'token', 'nobody')).rejects.toThrow(/user nobody does not exist/);
  });
});
