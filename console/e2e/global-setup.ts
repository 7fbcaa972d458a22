import { spawnSync } from 'node:child_process';
import { ROOT } from './rig.js';

/**
 * Builds the console before the browser tests when its build is missing or older than its
 * sources: the tests must see the code under test, not yesterday's bundle.
 */
export default function setup(): void {
  const r = spawnSync(process.execPath, ['scripts/console-build.mjs', '--if-stale'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error(`building the console failed (exit ${r.status})`);
}
