import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from '@commander-js/extra-typings';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { systemClock } from '../../core/clock.js';
import { Approvals, MappingService } from '../../api/admin/index.js';
import { openStore, type Store } from '../../store/index.js';
import { describeStores } from '../../test-helpers/stores.js';
import { registerApprovalCommands } from './approvals.js';
import { registerMappingsCommands } from './mappings.js';

const dir = mkdtempSync(join(tmpdir(), 'ferry-cli-csv-'));
const profile = join(dir, 'four-eyes.yaml');
writeFileSync(profile, 'fourEyes:\n  mappings: true\n');

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describeStores('ferry mappings export|import and ferry approvals', (fx) => {
  let store: Store;
  let mappings: MappingService;
  beforeAll(async () => {
    store = await openStore(fx().location);
    mappings = new MappingService(store, systemClock);
    await mappings.set({ kind: 'sku', scope: 'shop-eu', key: 'A-1' }, '1001', 'seed');
    await mappings.set({ kind: 'carrier', scope: 'shop-eu', key: 'UPS' }, 'ups', 'seed');
  });
  afterAll(() => store.close());

  /** Runs one command in-process; returns what it printed and the exit code it set. */
  async function ferry(...args: string[]): Promise<{ out: string; code: number }> {
    const out: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((s: unknown) => void out.push(String(s)));
    vi.spyOn(console, 'error').mockImplementation((s: unknown) => void out.push(String(s)));
    const program = new Command('ferry').exitOverride();
    registerMappingsCommands(program);
    registerApprovalCommands(program);
    await program.parseAsync(['node', 'ferry', ...args, '--db', fx().location]);
    vi.restoreAllMocks();
    const code = Number(process.exitCode ?? 0);
    process.exitCode = undefined;
    return { out: out.join('\n'), code };
  }
  const file = (name: string, text: string): string => {
    const p = join(dir, `${fx().kind}-${name}`);
    writeFileSync(p, text);
    return p;
  };
  const current = async () => (await mappings.list('sku', 'shop-eu')).map((m) => [m.key, m.value]);

  it('exports to a file that imports back as no change', async () => {
    const out = join(dir, `${fx().kind}-export.csv`);
    expect((await ferry('mappings', 'export', out)).out).toBe(`ferry: 2 mappings written to ${out}`);
    expect(readFileSync(out, 'utf8')).toBe(
      'kind,scope,key,value\ncarrier,shop-eu,UPS,ups\nsku,shop-eu,A-1,1001\n',
    );
    const r = await ferry('mappings', 'import', out, '--dry-run');
    expect(r).toEqual({ out: `ferry: dry run of ${out}: 0 would change, 2 already so, 0 bad`, code: 0 });
  });

  it('--dry-run prints what would change and every bad row, exits 1 for bad rows, and changes nothing', async () => {
    const bad = file(
      'bad.csv',
      'kind,scope,key,value\nsku,shop-eu,A-1,2001\nsku,,A-2,5\nbin,shop-eu,A-3,6\nsku,shop-eu,A-4,7\n',
    );
    const r = await ferry('mappings', 'import', bad, '--dry-run');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /^row +mapping +from +to\n2 +sku\/shop-eu\/A-1 +1001 +2001\n5 +sku\/shop-eu\/A-4 +\(none\) +7\n/,
    );
    expect(r.out).toContain('ferry: 2 bad rows:');
    expect(r.out).toMatch(/\n3 +scope +scope is empty/);
    expect(r.out).toMatch(/\n4 +kind +"bin" is not a mapping kind/);
    expect(r.out).toContain(`ferry: dry run of ${bad}: 2 would change, 0 already so, 2 bad`);
    // Without --dry-run the same file changes nothing either.
    expect((await ferry('mappings', 'import', bad)).code).toBe(1);
    expect(await current()).toEqual([['A-1', '1001']]);
  });

  it('imports a clean file', async () => {
    const good = file('good.csv', 'kind,scope,key,value\nsku,shop-eu,A-1,2001\nsku,shop-eu,A-4,7\n');
    const r = await ferry('mappings', 'import', good);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`ferry: 2 mappings changed from ${good}, 0 already so`);
    expect(await current()).toEqual([
      ['A-1', '2001'],
      ['A-4', '7'],
    ]);
  });

  it('holds changes for approval under a four-eyes profile; the asker cannot approve, another person can', async () => {
    const held = await ferry('mappings', 'set', 'sku', 'shop-eu', 'A-1', '3001', '--config', profile);
    const id = /approval (\d+)/.exec(held.out)?.[1];
    expect(held.out).toContain(
      `held for a second person's approval (approval ${id}: sku/shop-eu/A-1: 2001 → 3001)`,
    );
    expect(await current()).toContainEqual(['A-1', '2001']);
    expect((await ferry('approvals', 'ls')).out).toMatch(
      new RegExp(`\\n${id} +mappings +sku/shop-eu/A-1: 2001 → 3001`),
    );
    await expect(ferry('approvals', 'approve', id!)).rejects.toThrow(/may not approve it; another user must/);
    expect(await current()).toContainEqual(['A-1', '2001']);
    // A console user approves it.
    await new Approvals(store, systemClock).approve(Number(id), {
      actor: 'user:bob',
      userId: 7,
      role: 'admin',
    });
    expect(await current()).toContainEqual(['A-1', '3001']);
  });

  it('a CSV import under a four-eyes profile waits as one approval, which the asker may withdraw', async () => {
    const csv = file('held.csv', 'kind,scope,key,value\nsku,shop-eu,A-9,9\n');
    const r = await ferry('mappings', 'import', csv, '--config', profile);
    const id = /approval (\d+)/.exec(r.out)?.[1];
    expect(r.out).toContain(
      `ferry: 1 change from ${csv} waits for a second person's approval (approval ${id})`,
    );
    const rejected = await ferry('approvals', 'reject', id!, '--reason', 'wrong file');
    expect(rejected.out).toBe(`ferry: approval ${id} rejected: sku/shop-eu/A-9: (none) → 9`);
    expect(await current()).not.toContainEqual(['A-9', '9']);
  });
});
