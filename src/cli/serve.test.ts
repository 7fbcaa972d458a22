import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/index.js';
import { compileRuntime } from '../ops/config/index.js';
import { ROOT, runCli } from '../test-helpers/processes.js';

const dir = mkdtempSync(join(tmpdir(), 'ferry-serve-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Running {
  child: ChildProcess;
  url: string;
  stderr: () => string;
  /** SIGTERM, then the exit code and all output. */
  stop(): Promise<{ code: number | null; stderr: string }>;
}

/** Starts `ferry serve` and resolves once it prints the URL it serves on. */
function serve(args: string[], env: Record<string, string> = {}): Promise<Running> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'ferry.js'), 'serve', ...args], {
    cwd: ROOT,
    env: { ...compileRuntime().env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /serving on (http:\/\/\S+)/.exec(out);
      if (m)
        resolve({
          child,
          url: m[1]!,
          stderr: () => err,
          async stop() {
            child.kill('SIGTERM');
            return { code: await exited, stderr: err };
          },
        });
    });
    void exited.then((code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
}

describe('ferry serve', () => {
  it('logs at the level FERRY_LOG_LEVEL names', async () => {
    const quiet = await serve(['--db', join(dir, 'warn.db'), '--port', '0'], { FERRY_LOG_LEVEL: 'warn' });
    const q = await quiet.stop();
    expect(q.stderr).not.toContain('"ferry started"');
    expect(q.code).toBe(0); // a SIGTERM right after "serving on" is a clean stop
    const chatty = await serve(['--db', join(dir, 'info.db'), '--port', '0'], { FERRY_LOG_LEVEL: 'info' });
    const c = await chatty.stop();
    expect(c.stderr).toContain('"msg":"ferry started"');
    expect(c.code).toBe(0);
    const bad = await runCli(['serve', '--db', join(dir, 'bad.db'), '--port', '0'], {
      FERRY_LOG_LEVEL: 'verbose',
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      'FERRY_LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent, got "verbose"',
    );
  }, 60_000);

  it('exits non-zero on a port already in use, saying so, with its workers stopped and the store released', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    const db = join(dir, 'busy.db');
    try {
      const r = await runCli(['serve', '--db', db, '--port', String(port)], { FERRY_LOG_LEVEL: 'error' });
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain(`cannot listen on 127.0.0.1:${port}: the port is already in use`);
    } finally {
      blocker.close();
    }
    // Another Ferry may take the store at once: the lock was released, not left to expire.
    const store = await openStore(db);
    try {
      await expect(store.runtimeLock.acquire('next', Date.now())).resolves.toBeUndefined();
    } finally {
      await store.close();
    }
  }, 60_000);
});
