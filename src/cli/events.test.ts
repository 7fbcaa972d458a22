import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../test-helpers/processes.js';

const dir = mkdtempSync(join(tmpdir(), 'ferry-events-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ferry events', () => {
  it('subscribes with a signing secret shown once, lists it without the secret, and refuses bad input naming it', async () => {
    const ring = join(dir, 'keyring.json');
    const db = join(dir, 'events.db');
    expect((await runCli(['secrets', 'init', '--keyring', ring])).code).toBe(0);
    const env = { FERRY_KEYRING_FILE: ring };
    const sub = await runCli(
      [
        'events',
        'subscribe',
        'crm',
        '--url',
        'https://crm.example/hooks/ferry',
        '--types',
        'order.shipped,order.cancelled',
        '--db',
        db,
      ],
      env,
    );
    expect(sub.code, sub.stderr).toBe(0);
    const secret = /signing secret .*: (whsec_[A-Za-z0-9+/=]+)/.exec(sub.stdout)?.[1];
    expect(secret).toBeDefined();
    const ls = await runCli(['events', 'subscriptions', '--db', db], env);
    expect(ls.code, ls.stderr).toBe(0);
    expect(ls.stdout).toMatch(
      /crm\s+webhook\s+https:\/\/crm\.example\/hooks\/ferry\s+order\.shipped,order\.cancelled\s+full\s+yes/,
    );
    expect(ls.stdout + ls.stderr).not.toContain(secret!);
    const bad = await runCli(
      ['events', 'subscribe', 'erp', '--url', 'https://x.example', '--types', 'order.lost', '--db', db],
      env,
    );
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('unknown event types order.lost');
    const resend = await runCli(['events', 'resend', 'no-such-event', '--db', db], env);
    expect(resend.code).not.toBe(0);
    expect(resend.stderr).toContain('no event no-such-event in the outbox');
  }, 240_000);
});
