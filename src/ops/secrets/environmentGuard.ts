import { FerryError } from '../../core/errors.js';

/** Which partner hosts a profile may reach. */
export type Environment = 'sandbox' | 'production';

// Hosts of real partner systems: a sandbox profile pointing at one would write test data into a
// live shop, marketplace or ERP.
const PRODUCTION_HOSTS: RegExp[] = [
  /(^|\.)myshopify\.com$/,
  /^sellingpartnerapi(-[a-z]+)?\.amazon\.com$/,
  /(^|\.)odoo\.com$/,
];
// Simulators listen on the loopback interface; production pointing there means a misconfiguration.
const SIMULATOR_HOSTS: RegExp[] = [/^127\.\d+\.\d+\.\d+$/, /^localhost$/, /\.localhost$/, /^\[?::1\]?$/];

function hostOf(target: string): string {
  try {
    return new URL(
      /^[a-z][a-z0-9+.-]*:\/\//i.test(target) ? target : `https://${target}`,
    ).hostname.toLowerCase();
  } catch {
    return target.toLowerCase();
  }
}

/** Why `target` is refused in `env`, or null when it is allowed. */
export function refuseReason(env: Environment, target: string): string | null {
  const host = hostOf(target);
  switch (env) {
    case 'sandbox':
      return PRODUCTION_HOSTS.some((r) => r.test(host))
        ? `${host} is a production partner host, and this profile is a sandbox`
        : null;
    case 'production':
      return SIMULATOR_HOSTS.some((r) => r.test(host))
        ? `${host} is a simulator (loopback) host, and this profile is production`
        : null;
  }
}

/** The partner endpoints a configuration will call, each named by its configuration path. */
export interface PartnerTarget {
  path: string;
  url: string;
}

interface ConfigLike {
  environment: Environment;
  odoo?: { url: string } | undefined;
  channels: { shopDomain: string; adminUrl?: string | undefined }[];
  warehouses: { endpoint: string; kind: string }[];
}

/** Every partner endpoint a configuration reaches; a channel's admin URL overrides its shop domain. */
export function partnerTargets(cfg: ConfigLike): PartnerTarget[] {
  const out: PartnerTarget[] = [];
  if (cfg.odoo) out.push({ path: 'odoo.url', url: cfg.odoo.url });
  cfg.channels.forEach((c, i) =>
    out.push(
      c.adminUrl
        ? { path: `channels[${i}].adminUrl`, url: c.adminUrl }
        : { path: `channels[${i}].shopDomain`, url: c.shopDomain },
    ),
  );
  cfg.warehouses.forEach((w, i) => {
    // A local folder is no host.
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(w.endpoint))
      out.push({ path: `warehouses[${i}].endpoint`, url: w.endpoint });
  });
  return out;
}

/** Refuses, before anything starts, a profile that reaches partners of the other environment. */
export function assertEnvironment(cfg: ConfigLike): void {
  const problems = partnerTargets(cfg).flatMap((t) => {
    const why = refuseReason(cfg.environment, t.url);
    return why ? [`${t.path}: ${why}`] : [];
  });
  if (problems.length)
    throw new FerryError(
      'config_invalid',
      `environment ${cfg.environment} refuses:\n  ${problems.join('\n  ')}`,
      {
        details: problems,
      },
    );
}
