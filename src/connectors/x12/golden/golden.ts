/** Loads golden files for tests; kept beside them so paths stay stable. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Reads `golden/<name>` as text (UTF-8). */
export function golden(name: string): string {
  return readFileSync(fileURLToPath(new URL(name, import.meta.url)), 'utf8');
}
