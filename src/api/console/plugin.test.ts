import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { registerConsole } from './plugin.js';

const root = mkdtempSync(join(tmpdir(), 'ferry-console-'));
const build = join(root, 'dist');
mkdirSync(join(build, 'assets'), { recursive: true });
writeFileSync(join(build, 'index.html'), '<!doctype html><title>Ferry console</title>');
writeFileSync(join(build, 'assets', 'index-abc.js'), 'console.log(1)');
writeFileSync(join(root, 'secret.txt'), 'outside the build');
afterAll(() => rmSync(root, { recursive: true, force: true }));

function app(dir: string) {
  const a = Fastify();
  registerConsole(a, { dir });
  return a;
}

describe('console static files', () => {
  it("serves the console's page for any screen path, so a shared link to a filtered list opens", async () => {
    const a = app(build);
    const r = await a.inject('/console/exceptions?impact=finance&status=open');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.body).toContain('Ferry console');
    expect(r.headers['cache-control']).toBe('no-cache');
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    const deep = await a.inject('/console/orders/shop-us%3A1003');
    expect(deep.body).toContain('Ferry console');
    const bare = await a.inject('/console');
    expect(bare.statusCode).toBe(301);
    expect(bare.headers.location).toBe('/console/');
  });

  it('serves hashed assets with their type, cached for good; a missing asset is a 404, not the page', async () => {
    const a = app(build);
    const js = await a.inject('/console/assets/index-abc.js');
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toContain('immutable');
    expect(js.body).toBe('console.log(1)');
    const gone = await a.inject('/console/assets/index-old.js');
    expect(gone.statusCode).toBe(404);
  });

  it('never serves a file outside the build folder', async () => {
    const a = app(build);
    for (const url of ['/console/../secret.txt', '/console/%2e%2e/secret.txt', '/console/..%2fsecret.txt']) {
      const r = await a.inject(url);
      expect(r.body, url).not.toContain('outside the build');
    }
  });

  it('says how to build the console when this installation has no build', async () => {
    const r = await app(join(root, 'nowhere')).inject('/console/');
    expect(r.statusCode).toBe(503);
    expect(r.body).toContain('npm run build:console');
  });
});
