/**
 * Where the real servers' answers live: `../shared/odoo-observed` beside the repository (as laid
 * out for development and CI). A missing folder is an error, never a skip: without it the
 * simulator's agreement with real Odoo is unproven.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Absolute path of shared/odoo-observed; throws, naming the path, when it is missing. */
export function observedDir(): string {
  const dir = join(repoRoot, '..', 'shared', 'odoo-observed');
  if (!existsSync(dir)) {
    throw new Error(
      `odoo-observed not found at ${dir}: the simulator is checked against real Odoo's recorded answers, ` +
        'which live in ../shared/odoo-observed beside the repository',
    );
  }
  return dir;
}

/** One recorded file, parsed. */
export function readObserved<T>(file: string): T {
  return JSON.parse(readFileSync(join(observedDir(), file), 'utf8')) as T;
}
