import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../test-helpers/processes.js';

const dir = mkdtempSync(join(tmpdir(), 'ferry-cli-'));

describe('ferry CLI on bad input', () => {
  it('refuses a corrupt SQLite file by name, exits non-zero, and leaves the file untouched', async () => {
    const file = join(dir, 'corrupt.db');
    const bytes = Buffer.from('this is not a database, it is a shopping list\n'.repeat(200));
    writeFileSync(file, bytes);
    const r = await runCli(['jobs', 'ls', '--db', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file} is not a usable SQLite database`);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('names an unreachable PostgreSQL server without printing its password', async () => {
    const r = await runCli(['migrate'], { FERRY_DB: 'postgres://ferry:hunter2@127.0.0.1:1/ferry' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'cannot reach PostgreSQL at postgres://ferry:***@127.0.0.1:1/ferry: connection refused',
    );
    expect(r.stderr).not.toContain('hunter2');
  });

  it('validates a configuration file, listing every problem, before starting anything', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      'channels:\n  - { id: eu, kind: shopify, shopDomain: eu.myshopify.com }\nlanes: [{ name: intake, concurrency: 0 }]\n',
    );
    const check = await runCli(['config', 'check', bad]);
    expect(check.code).toBe(2);
    expect(check.stderr).toContain('channels[0].webhookSecret: required');
    expect(check.stderr).toContain('lanes[0].concurrency: Too small');
    const db = join(dir, 'never.db');
    const serve = await runCli(['serve', '--config', bad, '--db', db, '--port', '0']);
    expect(serve.code).toBe(2);
    expect(serve.stderr).toContain('channels[0].accessToken: required');
    expect(existsSync(db)).toBe(false);
  });

  it('says what is wrong with an exception command and changes nothing', async () => {
    const db = join(dir, 'ex.db');
    const show = await runCli(['exceptions', 'show', '42', '--db', db]);
    expect(show.code).toBe(1);
    expect(show.stderr).toContain('exception 42 does not exist');
    const skip = await runCli(['exceptions', 'skip', 'abc', '--reason', 'x', '--db', db]);
    expect(skip.code).toBe(2);
    expect(skip.stderr).toContain('expected an exception id (a positive number), got "abc"');
    const ls = await runCli(['jobs', 'ls', '--state', 'done', '--db', db]);
    expect(ls.code).not.toBe(0);
    expect(ls.stderr).toContain(
      '--state: expected one of ready, running, completed, excepted, skipped, got "done"',
    );
  });
});
