/** Starts bench/lib/distributorProcess.ts in a child process and talks to it over IPC. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FerryConfigInput } from '../../src/ops/config/index.js';
import type { DistributorOptions } from '../../src/sandbox/distributor.js';
import { forkRemote } from './remote.js';

export interface RemoteDistributor {
  config: FerryConfigInput;
  env: Record<string, string>;
  call<T>(cmd: string, args?: Record<string, unknown>): Promise<T>;
  stop(): Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));

export async function startRemoteDistributor(opts: DistributorOptions): Promise<RemoteDistributor> {
  const remote = await forkRemote<{ config: FerryConfigInput; env: Record<string, string> }>(
    join(here, 'distributorProcess.ts'),
    opts,
  );
  return { ...remote.ready, call: remote.call, stop: remote.stop };
}
