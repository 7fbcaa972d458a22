/**
 * A benchmark's simulators in a child process of their own, driven over IPC, so a benchmark
 * measures Ferry's event loop and not the simulators sharing it. The child sends `{id: 0, value}`
 * when ready and answers each `{id, cmd, ...args}` with `{id, value}` or `{id, error}`.
 */
import { fork } from 'node:child_process';

export interface Remote<Ready> {
  ready: Ready;
  pid: number | undefined;
  call: <T>(cmd: string, args?: Record<string, unknown>) => Promise<T>;
  /** Sends `stop` and waits for the process to exit. */
  stop: () => Promise<void>;
}

export async function forkRemote<Ready>(script: string, arg: unknown): Promise<Remote<Ready>> {
  const child = fork(script, [JSON.stringify(arg)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 1;
  const ready = new Promise<Ready>((resolve, reject) => {
    pending.set(0, { resolve: resolve as (v: unknown) => void, reject });
    child.once('exit', (code) => reject(new Error(`${script} exited ${code}`)));
  });
  child.on('message', (m: { id: number; value?: unknown; error?: string }) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.error !== undefined) p?.reject(new Error(m.error));
    else p?.resolve(m.value);
  });
  const value = await ready;
  const call = <T>(cmd: string, args: Record<string, unknown> = {}): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ id, cmd, ...args });
    });
  return {
    ready: value,
    pid: child.pid,
    call,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      await call('stop').catch(() => undefined);
      await exited;
    },
  };
}
