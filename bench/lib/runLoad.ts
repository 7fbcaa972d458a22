import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface LoadResult {
  count: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

const here = dirname(fileURLToPath(import.meta.url));

/** Runs bench/lib/load.ts in a child process against `url`. */
export function runLoad(
  url: string,
  count: number,
  connections: number,
  body: Buffer,
  headers: Record<string, string>,
  bodyFile: string,
): Promise<LoadResult> {
  writeFileSync(bodyFile, body);
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(here, 'load.ts'),
      url,
      String(count),
      String(connections),
      bodyFile,
      JSON.stringify(headers),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) =>
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop()!) as LoadResult)
        : reject(new Error(`load generator exited ${code}`)),
    ),
  );
}
