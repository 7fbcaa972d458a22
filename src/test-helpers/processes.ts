import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Store } from '../store/index.js';
import { compileRuntime } from '../ops/config/index.js';
import { storeDb } from './storeDb.js';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(here, '..', '..');

/** Starts a worker process and resolves once it reports ready (or rejects with its stderr). */
export function spawnWorker(
  db: string,
  args: { concurrency?: number; leaseMs?: number } = {},
): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(here, 'worker-process.ts'),
      db,
      String(args.concurrency ?? 8),
      String(args.leaseMs ?? 30_000),
    ],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`worker exited with ${code}: ${err}`)));
  });
}

/** Runs the ferry CLI to completion; returns its exit code and output. */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'ferry.js'), ...args], {
    cwd: ROOT,
    env: { ...compileRuntime().env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr })));
}

/** The tables worker-process.ts writes to. */
export async function createTestTables(store: Store): Promise<void> {
  const id =
    store.dialect === 'postgres'
      ? 'bigint generated always as identity primary key'
      : 'integer primary key autoincrement';
  await sql
    .raw(
      `create table if not exists test_done (n ${id}, job_id bigint not null unique, k text not null, seq integer not null, pid integer not null)`,
    )
    .execute(storeDb(store));
  await sql
    .raw(`create table if not exists test_started (n ${id}, job_id bigint not null, pid integer not null)`)
    .execute(storeDb(store));
}

export function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
  });
}
