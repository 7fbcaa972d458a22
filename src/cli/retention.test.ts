import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/index.js';
import { runCli } from '../test-helpers/processes.js';

const dir = mkdtempSync(join(tmpdir(), 'ferry-retention-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ferry retention purge', () => {
  it('applies the configured ages and leaves the purge in the audit trail', async () => {
    const db = join(dir, 'ferry.db');
    const config = join(dir, 'ferry.config.yaml');
    writeFileSync(config, 'retention:\n  personalDataDays: 7\n  jobsDays: 14\ninbox:\n  retentionDays: 60\n');
    const r = await runCli(['retention', 'purge', '--db', db, '--config', config, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { policy: Record<string, number>; counts: Record<string, number> };
    expect(out.policy).toEqual({
      personalDataDays: 7,
      inboxDays: 60,
      jobsDays: 14,
      eventsDays: 365,
      deliveryLogDays: 90,
    });
    const store = await openStore(db);
    try {
      const [entry] = await store.audit.listAudit({ action: 'retention.purge' });
      expect(entry).toMatchObject({ action: 'retention.purge', after: out });
      expect(entry!.actor).toMatch(/^cli:/);
    } finally {
      await store.close();
    }
  }, 60_000);
});
