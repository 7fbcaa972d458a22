import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { installInto, run, tarball, targetNode } from './install.js';

const node = targetNode();

describe(`the packed tarball, installed into an empty folder (Node from ${node.label})`, () => {
  let tgz: string;
  let dir: string;
  const ferry = (args: string[], timeoutMs = 120_000) =>
    run(join(dir, 'node_modules', '.bin', 'ferry'), args, { cwd: dir, env: node.env, timeoutMs });

  beforeAll(async () => {
    tgz = await tarball(node.env);
    dir = await installInto(tgz, node.env);
  });

  it('ships compiled JavaScript, the licence and the changelog, and no sources or tests', async () => {
    const list = await run('tar', ['-tzf', tgz], { cwd: dir, env: node.env });
    const files = list.stdout.split('\n').filter(Boolean);
    expect(files).toContain('package/dist/cli/main.js');
    expect(files).toContain('package/bin/ferry.js');
    expect(files).toContain('package/LICENSE');
    expect(files).toContain('package/CHANGELOG.md');
    expect(files.filter((f) => /\.test\.|\/src\/|\.ts$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
    // What runs is compiled: the runtime has neither tsx nor TypeScript to fall back on.
    expect(existsSync(join(dir, 'node_modules', 'tsx'))).toBe(false);
    expect(existsSync(join(dir, 'node_modules', 'typescript'))).toBe(false);
  });

  it('runs ferry --help on the chosen Node', async () => {
    const version = await run('node', ['-p', 'process.version'], { cwd: dir, env: node.env });
    const help = await ferry(['--help']);
    expect(help.stderr).toBe('');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('serve [options]');
    expect(help.stdout).toContain('backup [options]');
    const v = await ferry(['--version']);
    expect(v.stdout.trim()).toBe('0.1.0');
    console.log(`ferry --help ran on Node ${version.stdout.trim()}`);
  });

  it('migrates a new SQLite store, then finds it up to date', async () => {
    const first = await ferry(['migrate', '--db', join(dir, 'ferry.db')]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/applied migrations 1, 2, .*is at version \d+/);
    const again = await ferry(['migrate', '--db', join(dir, 'ferry.db')]);
    expect(again.stdout).toMatch(/is up to date \(version \d+\)/);
  });

  it('runs a short demo: orders are received and accepted in the simulated Odoo', async () => {
    const demo = await ferry(
      ['demo', '--minutes', '0.25', '--rate', '240', '--port', '0', '--db', join(dir, 'demo.db')],
      180_000,
    );
    expect(demo.code, demo.stderr).toBe(0);
    const m = /orders received (\d+), accepted (\d+)/.exec(demo.stdout);
    expect(m, demo.stdout).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThan(0);
    expect(Number(m![2])).toBeGreaterThan(0);
  });
});
