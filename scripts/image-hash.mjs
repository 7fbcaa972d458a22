// The hash the image test is keyed on: the Containerfile, its .dockerignore, deploy/ and the
// lockfile. `node scripts/image-hash.mjs` prints it; `--check` exits 0 when .ci/image.sha256 (the
// hash the image test last passed with, committed) matches, 1 when the image test must run again.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const INPUTS = ['Containerfile', '.dockerignore', 'deploy', 'package-lock.json'];
export const STAMP = '.ci/image.sha256';

function files(path) {
  if (!existsSync(path)) return [];
  if (statSync(path).isFile()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((f) => files(join(path, f)));
}

export function imageHash() {
  const hash = createHash('sha256');
  for (const f of INPUTS.flatMap(files)) hash.update(f).update('\0').update(readFileSync(f)).update('\0');
  return hash.digest('hex');
}

if (process.argv[1] && process.argv[1].endsWith('image-hash.mjs')) {
  const now = imageHash();
  if (process.argv.includes('--check')) {
    const passed = existsSync(STAMP) ? readFileSync(STAMP, 'utf8').trim() : '';
    console.log(
      passed === now
        ? `image: unchanged since the image test passed (${now.slice(0, 12)})`
        : `image: changed (${now.slice(0, 12)}; last passed ${passed.slice(0, 12) || 'never'})`,
    );
    process.exit(passed === now ? 0 : 1);
  }
  console.log(now);
}
