import { isFerryError } from '../core/errors.js';

/**
 * Turns a thrown error into one clear line and an exit code. Apart from cli/shared.js, which loads
 * the store: `ferry --help` must not pay for it.
 */
export function reportFailure(e: unknown): number {
  if (isFerryError(e)) {
    console.error(`ferry: ${e.message}`);
    return e.code === 'bad_request' || e.code === 'config_invalid' ? 2 : 1;
  }
  console.error(`ferry: ${e instanceof Error ? e.message : String(e)}`);
  return 1;
}
