import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../package/install.js';

interface Service {
  image?: string;
  command?: string[];
  user?: string;
  read_only?: boolean;
  environment?: Record<string, string>;
  secrets?: string[];
  depends_on?: Record<string, { condition: string }>;
  deploy?: { replicas?: number };
  restart?: string;
}
const compose = parse(readFileSync(join(ROOT, 'deploy', 'compose.yaml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  secrets: Record<string, { file: string }>;
};
const s = compose.services;

describe('deploy/compose.yaml', () => {
  it('runs PostgreSQL, migrate once, then one serve and two workers, all from one image', () => {
    expect(Object.keys(s).sort()).toEqual(['migrate', 'postgres', 'serve', 'worker']);
    expect(s.migrate!.command).toEqual(['migrate']);
    expect(s.migrate!.restart).toBe('no');
    expect(s.migrate!.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(s.serve!.command).toEqual(['serve']);
    expect(s.worker!.command?.[0]).toBe('worker');
    expect(s.worker!.command).not.toContain('orders'); // serve owns orders and inventory
    expect(s.worker!.deploy?.replicas).toBe(2);
    for (const name of ['serve', 'worker'])
      expect(s[name]!.depends_on).toEqual({ migrate: { condition: 'service_completed_successfully' } });
    const images = new Set(['migrate', 'serve', 'worker'].map((n) => s[n]!.image));
    expect(images.size).toBe(1);
  });

  it('runs Ferry as non-root on a read-only filesystem, secrets as files, none in the environment', () => {
    for (const name of ['migrate', 'serve', 'worker']) {
      const svc = s[name]!;
      expect(svc.user).toBe('10001:10001');
      expect(svc.read_only).toBe(true);
      expect(svc.secrets).toEqual(['db-url', 'keyring.json']);
      expect(svc.environment).toMatchObject({
        FERRY_DB_FILE: '/run/secrets/db-url',
        FERRY_KEYRING_FILE: '/run/secrets/keyring.json',
      });
      expect(Object.keys(svc.environment!)).not.toContain('FERRY_DB');
    }
    expect(s.postgres!.environment).toMatchObject({
      POSTGRES_PASSWORD_FILE: '/run/secrets/postgres-password',
    });
    for (const secret of Object.values(compose.secrets)) expect(secret.file).toMatch(/^\.\/secrets\//);
  });
});
