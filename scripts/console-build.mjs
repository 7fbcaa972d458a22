// Builds the console (console/ → console/dist) with Vite. With --if-stale it builds only when the
// sources changed since the last build: a hash of them is kept in the build folder, so a checkout,
// a pull or an edit all count, and an unchanged tree costs a few milliseconds.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['console/src', 'console/index.html', 'console/vite.config.ts', 'console/tsconfig.json', 'package-lock.json'];
const STAMP = 'console/dist/.source-hash';

function files(path) {
  if (!existsSync(path)) return [];
  if (statSync(path).isFile()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((f) => files(join(path, f)));
}

const hash = createHash('sha256');
for (const f of SOURCES.flatMap(files)) hash.update(f).update('\0').update(readFileSync(f)).update('\0');
const digest = hash.digest('hex');

if (process.argv.includes('--if-stale') && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === digest) {
  console.log('console: build is up to date');
  process.exit(0);
}
const run = spawnSync('npx', ['vite', 'build', 'console', '--logLevel', 'warn'], { stdio: 'inherit' });
if (run.status !== 0) process.exit(run.status ?? 1);
writeFileSync(STAMP, digest);
console.log('console: built into console/dist');
