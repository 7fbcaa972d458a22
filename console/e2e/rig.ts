/**
 * The console's test bench: a real `ferry serve` process (bin/ferry.js, the command operators
 * run) wired to the simulated distributor, named users of each role, and Debian's Chromium driven
 * by playwright-core. Nothing of the API is mocked.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { TokenService } from '../../src/api/auth/index.js';
import { systemClock } from '../../src/core/clock.js';
import { compileRuntime } from '../../src/ops/config/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { startDistributor, type Distributor } from '../../src/sandbox/distributor.js';
import { generateOrder } from '../../src/sandbox/shopify/index.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Where every screen's picture goes (not committed). */
export const SHOTS = join(ROOT, 'console', 'e2e', 'screenshots');
export const CHROMIUM = '/usr/bin/chromium';

export interface Rig {
  url: string;
  dist: Distributor;
  db: string;
  /** Places a Shopify order whose first line carries `sku` and delivers its webhook; returns its Shopify id. */
  placeOrder(store: string, sku?: string): Promise<number>;
  /** A new API token for the user of this name, made with this role if the user is new. */
  tokenFor(name: string, role: 'viewer' | 'operator' | 'finance' | 'admin'): Promise<string>;
  /** Calls the admin API with a bearer token (setup and checks outside the browser). */
  call<T>(token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
}

/** Starts `ferry serve` and resolves with the address it prints once it serves. */
function serve(args: string[], env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'ferry.js'), 'serve', ...args], {
    cwd: ROOT,
    env: { ...compileRuntime().env, ...env, FERRY_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /serving on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.on('exit', (code) => reject(new Error(`ferry serve exited with ${code}: ${err}`)));
  });
}

let orderSeq = 5000 + (Date.now() % 10_000) * 10;

/**
 * A distributor with two Shopify stores and Odoo, and Ferry serving it from a fresh SQLite file.
 * `profile` adds sections to the configuration (`{ fourEyes: { mappings: true } }`); `o.port`
 * fixes Ferry's port (default any free one) and `o.env` adds to its environment.
 */
export async function startRig(
  profile: Record<string, unknown> = {},
  o: { port?: number; env?: Record<string, string> } = {},
): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-console-e2e-'));
  const dist = await startDistributor({
    stores: ['shop-eu', 'shop-us'],
    products: 12,
    stockPerProduct: 1000,
  });
  const config = join(dir, 'ferry.yaml');
  // YAML is a superset of JSON: the distributor's configuration goes in as it is.
  const port = o.port ?? 0;
  writeFileSync(config, JSON.stringify({ ...dist.config, ...profile, http: { host: '127.0.0.1', port } }));
  const db = join(dir, 'ferry.db');
  let child: ChildProcess | undefined;
  try {
    const s = await serve(['--config', config, '--db', db, '--port', String(port)], {
      ...dist.env,
      ...o.env,
    });
    child = s.child;
    const url = s.url;
    for (const [id, shop] of dist.shops)
      shop.setWebhookTarget({ url: `${url}/webhooks/shopify/${id}`, maxAttempts: 5 });
    // The same file the server uses (SQLite allows both), as `ferry tokens create` would open it.
    const store: Store = await openStore(db);
    const tokens = new TokenService(store, systemClock);
    return {
      url,
      dist,
      db,
      async placeOrder(store, sku) {
        const shop = dist.shops.get(store)!;
        const id = (orderSeq += 1);
        const json = generateOrder({
          id,
          catalogue: dist.catalogue,
          lines: 1,
          createdAt: new Date().toISOString(),
        });
        if (sku) (json.line_items as { sku: string }[])[0]!.sku = sku;
        await shop.webhooks!.send(shop.createOrder(json));
        return id;
      },
      async tokenFor(name, role) {
        return (await tokens.create({ name, role }, 'console-e2e')).token;
      },
      async call<T>(token: string, method: string, path: string, body?: unknown) {
        const res = await fetch(`${url}/api${path}`, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
        const text = await res.text();
        return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
      },
      async stop() {
        const c = child!;
        const exited = new Promise((r) => c.once('exit', r));
        c.kill('SIGTERM');
        await exited;
        await store.close();
        await dist.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    child?.kill('SIGKILL');
    await dist.stop();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** Debian's Chromium, headless, with the flags that keep it off the (closed) network. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Polls `check` until it returns a value other than undefined, or fails after `ms` saying what it waited for. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  ms = 60_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Writes a full-page picture of the current screen under console/e2e/screenshots/. */
export async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** Signs in through the console's own form with an API token, and waits for the first screen. */
export async function signIn(page: Page, url: string, token: string): Promise<void> {
  await page.goto(`${url}/console/`);
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Screens' }).waitFor();
}

/** axe on the page as it is: the serious and critical violations, by rule and the elements hit. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
