import { FerryError } from '../core/errors.js';
import { startupChecks, type CompanySite, type OdooClient } from '../connectors/odoo/index.js';
import type { Logger } from '../ops/logging/index.js';

/**
 * Checks the Odoo connection once at start-up, so a wrong database, a bad key, a missing app or a
 * mapping (or warehouse) of the wrong Odoo company is one clear message and a refusal to start,
 * not a stream of failing jobs. An unreachable server is only a warning: webhooks are still taken in, and the jobs wait behind the breaker until Odoo
 * answers.
 */
export async function checkOdooAtStartup(
  client: OdooClient,
  url: string,
  log: Logger,
  sites: readonly CompanySite[] = [],
): Promise<void> {
  const checks = await startupChecks(client, sites);
  const failed = checks.find((c) => !c.ok);
  if (!failed) return;
  if (failed.name === 'connect') {
    log.warn(
      { odoo: url, check: failed.name },
      `Odoo is not reachable at start-up (${failed.detail}); orders wait in the queue until it answers`,
    );
    return;
  }
  throw new FerryError(
    'config_invalid',
    `Odoo at ${url}: ${failed.name} check failed: ${failed.detail}. Run "ferry odoo verify" for the full report.`,
  );
}
