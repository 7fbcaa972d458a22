// Runs before `npm pack` / `npm publish`: compiles src/ into dist/ (the package runs without tsx or
// TypeScript), and builds the console's static files when this checkout has a console build.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

const run = (script) => {
  const r = spawnSync('npm', ['run', '-s', script], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
// A stale dist/ could ship modules whose sources were deleted: start from nothing.
rmSync('dist', { recursive: true, force: true });
run('build');
const { scripts } = JSON.parse(readFileSync('package.json', 'utf8'));
if (scripts['build:console']) run('build:console');
