/** Packs Ferry and installs the tarball into an empty folder, on a chosen Node, as a user would. */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion (rejecting after `timeoutMs`), with its output. */
export function run(
  cmd: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<Ran> {
  const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`${cmd} ${args.join(' ')} took over ${opts.timeoutMs} ms\n${stdout}\n${stderr}`));
    }, opts.timeoutMs ?? 600_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      ok({ code, stdout, stderr });
    });
  });
}

/**
 * The Node the installed package runs on: FERRY_PACKAGE_NODE names a folder holding a `node`
 * binary (the CI puts npm's node@22 and node@24 there) and FERRY_PACKAGE_NODEDIR its headers, which
 * better-sqlite3 compiles against; by default the Node running this test, with npm's configured
 * headers.
 */
export function targetNode(): { env: NodeJS.ProcessEnv; label: string } {
  const bin = process.env.FERRY_PACKAGE_NODE ?? dirname(process.execPath);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: [bin, process.env.PATH ?? ''].join(delimiter),
    npm_config_update_notifier: 'false',
  };
  // npm's own variables from an enclosing `npm run` would point its child npm at this checkout.
  for (const k of Object.keys(env)) if (k.startsWith('npm_') && k !== 'npm_config_cache') delete env[k];
  if (process.env.FERRY_PACKAGE_NODEDIR) env.npm_config_nodedir = process.env.FERRY_PACKAGE_NODEDIR;
  return { env, label: bin };
}

/** The tarball to test: FERRY_PACKAGE_TARBALL when CI packed it once for every Node, else packed now. */
export async function tarball(env: NodeJS.ProcessEnv): Promise<string> {
  if (process.env.FERRY_PACKAGE_TARBALL) return resolve(process.env.FERRY_PACKAGE_TARBALL);
  const out = mkdtempSync(join(tmpdir(), 'ferry-pack-'));
  const r = await run('npm', ['pack', '--pack-destination', out], { cwd: ROOT, env, timeoutMs: 1_800_000 });
  if (r.code !== 0) throw new Error(`npm pack failed:\n${r.stdout}\n${r.stderr}`);
  const [file] = readdirSync(out).filter((f) => f.endsWith('.tgz'));
  return join(out, file!);
}

/**
 * Installs the tarball into a new folder holding only a package.json that allows one install
 * script, better-sqlite3's build (npm 11 runs none it was not told to, and refuses --allow-scripts
 * in a project).
 */
export async function installInto(tgz: string, env: NodeJS.ProcessEnv): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-installed-'));
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'ferry-installed', private: true, allowScripts: { 'better-sqlite3': true } }),
  );
  const r = await run('npm', ['install', '--no-audit', '--no-fund', tgz], {
    cwd: dir,
    env,
    timeoutMs: 3_000_000,
  });
  if (r.code !== 0) throw new Error(`npm install of ${tgz} failed:\n${r.stdout}\n${r.stderr}`);
  // CI runs the order scenario on the same Node next: it takes this build of better-sqlite3
  // instead of compiling its own (the compile is most of each Node's time).
  const keep = process.env.FERRY_PACKAGE_ADDON_OUT;
  if (keep) copyFileSync(join(dir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), keep);
  return dir;
}
