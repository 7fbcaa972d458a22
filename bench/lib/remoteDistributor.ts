/** Starts bench/lib/distributorProcess.ts in a child process and talks to it over IPC. */
import { fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FerryConfigInput } from '../../src/ops/config/index.js';
import type { DistributorOptions } from '../../src/sandbox/distributor.js';

export interface RemoteDistributor {
  config: FerryConfigInput;
  env: Record<string, string>;
  call<T>(cmd: string, args?: Record<string, unknown>): Promise<T>;
  stop(): Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));

export async function startRemoteDistributor(opts: DistributorOptions): Promise<RemoteDistributor> {
  const child = fork(join(here, 'distributorProcess.ts'), [JSON.stringify(opts)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 1;
  const ready = new Promise<{ config: FerryConfigInput; env: Record<string, string> }>((resolve, reject) => {
    pending.set(0, { resolve: resolve as (v: unknown) => void, reject });
    child.once('exit', (code) => reject(new Error(`distributor process exited ${code}`)));
  });
  child.on('message', (m: { id: number; value?: unknown; error?: string }) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.error !== undefined) p?.reject(new Error(m.error));
    else p?.resolve(m.value);
  });
  const { config, env } = await ready;
  const call = <T>(cmd: string, args: Record<string, unknown> = {}): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ id, cmd, ...args });
    });
  return {
    config,
    env,
    call,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      await call('stop').catch(() => undefined);
      await exited;
    },
  };
}
