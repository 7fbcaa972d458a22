import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDistributor, type Distributor } from '../../src/sandbox/distributor.js';
import { generateOrder } from '../../src/sandbox/shopify/index.js';
import { ROOT } from '../package/install.js';
import { baseImage, buildah, imageConfig, runContainer, type ImageConfig } from './buildah.js';
import { imageHash, STAMP } from '../../scripts/image-hash.mjs';

const IMAGE = 'localhost/ferry:image-test';
// The folder mounted as /etc/ferry. mkdtemp makes it 0700 (owner root on CI), which the image's
// uid 10001 cannot enter: it is opened to 0755 and its file written 0644, as a deployment mounts a
// config folder. The test's secrets reach the container as environment variables (the config names
// them as `env:` references), so no secret file is mounted and none needs opening.
const dir = mkdtempSync(join(tmpdir(), 'ferry-image-'));
chmodSync(dir, 0o755);

/** Host pids of the processes below `pid` (chroot isolation: the container's are the host's). */
function descendants(pid: number): { pid: number; cmd: string[]; uid: number }[] {
  const procs = readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .flatMap((p) => {
      try {
        const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0').filter(Boolean);
        const uid = Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${p}/status`, 'utf8'))![1]);
        return [{ pid: Number(p), ppid, cmd, uid }];
      } catch {
        return []; // gone meanwhile
      }
    });
  const below = new Set([pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of procs)
      if (below.has(p.ppid) && !below.has(p.pid)) {
        below.add(p.pid);
        grew = true;
      }
  }
  return procs.filter((p) => p.pid !== pid && below.has(p.pid));
}

async function status(url: string): Promise<number | 'refused'> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2000) })).status;
  } catch {
    return 'refused';
  }
}

async function until(check: () => Promise<boolean> | boolean, what: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('the container image, built and run with buildah', () => {
  let cfg: ImageConfig;
  let dist: Distributor;
  beforeAll(async () => {
    const base = await baseImage();
    await buildah(
      [
        'build',
        '--isolation',
        'chroot',
        '--layers=false',
        '-f',
        'Containerfile',
        '--build-arg',
        `BASE=${base}`,
        '--build-arg',
        'REVISION=image-test',
        '-t',
        IMAGE,
        '.',
      ],
      3_600_000,
    );
    cfg = await imageConfig(IMAGE);
    dist = await startDistributor({ products: 5 });
  });
  afterAll(async () => {
    await dist?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says what it runs and as whom', () => {
    expect(cfg.entrypoint).toEqual(['/usr/bin/tini', '--', 'node', '/app/bin/ferry.js']);
    expect(cfg.cmd).toEqual(['serve']);
    expect(cfg.user).toBe('10001:10001');
    expect(cfg.labels['org.opencontainers.image.licenses']).toBe('Apache-2.0');
    expect(cfg.labels['org.opencontainers.image.revision']).toBe('image-test');
  });

  it('serves /readyz, turns a channel order into a confirmed Odoo order, and exits 0 on SIGTERM', async () => {
    const port = 18_000 + Math.floor(Math.random() * 2000);
    writeFileSync(
      join(dir, 'ferry.config.json'),
      JSON.stringify({ ...dist.config, http: { host: '0.0.0.0', port } }),
    );
    chmodSync(join(dir, 'ferry.config.json'), 0o644); // whatever the umask
    const { child, name } = await runContainer(IMAGE, cfg, cfg.cmd, {
      // The image sets FERRY_PORT=8080, which overrides the configured port; chroot isolation shares
      // the host's network, so the container gets a free port the way a deployment sets it.
      env: {
        ...dist.env,
        FERRY_CONFIG: '/etc/ferry/ferry.config.json',
        FERRY_PORT: String(port),
        FERRY_LOG_LEVEL: 'warn',
      },
      mounts: [`${dir}:/etc/ferry:ro`],
    });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      const url = `http://127.0.0.1:${port}`;
      await until(
        async () => (await status(`${url}/readyz`)) === 200 || child.exitCode !== null,
        '/readyz',
        180_000,
      ).catch((e: Error) => {
        throw new Error(`${e.message}; the container said:\n${out}\n${err}`);
      });
      expect(await status(`${url}/readyz`), `${out}\n${err}`).toBe(200);
      expect(await status(`${url}/livez`)).toBe(200);
      // tini is the container's first process; Ferry runs below it, as the image's user.
      const procs = descendants(child.pid!);
      const tini = procs.find((p) => p.cmd[0] === '/usr/bin/tini')!;
      const node = procs.find((p) => p.cmd[0] === 'node' && p.cmd.includes('/app/bin/ferry.js'))!;
      expect(tini.uid).toBe(10001);
      expect(node.uid).toBe(10001);
      const shop = dist.shops.get('shop-eu')!;
      shop.setWebhookTarget({ url: `${url}/webhooks/shopify/shop-eu`, maxAttempts: 3 });
      const sent = await shop.webhooks!.send(
        shop.createOrder(generateOrder({ id: 940001, catalogue: dist.catalogue })),
      );
      expect(sent.delivered).toBe(true);
      await until(
        () =>
          dist.odoo.core.db.where(
            'sale.order',
            (r) => r.client_order_ref === 'shop-eu:940001' && r.state === 'sale',
          ).length === 1,
        'the order confirmed in Odoo',
        120_000,
      );
      const t0 = Date.now();
      process.kill(tini.pid, 'SIGTERM'); // what the runtime sends the container's first process
      expect(await exited, `${out}\n${err}`).toBe(0);
      expect(Date.now() - t0).toBeLessThan(30_000);
      expect(out).toContain('ferry: serving on');
    } finally {
      // Killing `buildah run` alone would leave the container's processes running, orphaned.
      if (child.exitCode === null) {
        for (const p of descendants(child.pid!))
          try {
            process.kill(p.pid, 'SIGKILL');
          } catch {
            // gone meanwhile
          }
        child.kill('SIGKILL');
      }
      await buildah(['rm', name]).catch(() => undefined);
    }
    // Passed: record the inputs it passed with, so CI builds the image again only when they change.
    writeFileSync(join(ROOT, STAMP), `${imageHash()}\n`);
  });
});
