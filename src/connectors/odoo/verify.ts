/**
 * The connection check an integration engineer runs on a new Odoo (`ferry odoo verify`): server
 * version and protocol, login, apps, access rights per model Ferry touches, warehouses, locations,
 * taxes and journals; with `write`, every operation once on tagged test records (verify-write.ts).
 * Configuration errors end in one clear check failure, not a stream of failing jobs.
 */
import { isFerryError } from '../../core/errors.js';
import { createOdooClient } from './client.js';
import type { OdooClient } from './client.js';
import { namesFor } from './fields.js';
import type { OdooOptions } from './options.js';
import { companiesStep, type CompanySite } from './verifyCompanies.js';
import { productionGuard, writeChecks } from './verify-write.js';
import type { WriteGuard } from './verify-write.js';

export interface VerifyCheck {
  name: string;
  ok: boolean;
  /** Passed, but with something the integration engineer should know (a missing optional module). */
  warning?: boolean;
  detail: string;
  roundTrips: number;
}

export interface VerifyReport {
  version: string | null;
  protocol: string | null;
  checks: VerifyCheck[];
  ok: boolean;
}

/** Models Ferry reads or writes, with the operations it needs. */
export const MODELS_TOUCHED: readonly [string, readonly ('read' | 'write' | 'create')[]][] = [
  ['res.partner', ['read', 'write', 'create']],
  ['product.product', ['read']],
  ['sale.order', ['read', 'write', 'create']],
  ['sale.order.line', ['read', 'create']],
  ['stock.picking', ['read', 'write']],
  ['stock.move', ['read', 'write']],
  ['stock.quant', ['read']],
  ['stock.warehouse', ['read']],
  ['stock.location', ['read']],
  ['account.move', ['read', 'write', 'create']],
  ['account.tax', ['read']],
  ['account.journal', ['read']],
  ['account.account', ['read']],
];

const REQUIRED_APPS = ['sale', 'stock', 'account'] as const;

export type Step = (client: OdooClient) => Promise<string>;

/** Runs one check; a failure's message (Odoo's own text when it has one) becomes the detail. */
export async function runCheck(client: OdooClient, name: string, step: Step): Promise<VerifyCheck> {
  try {
    const { value, roundTrips } = await client.measure(() => step(client));
    if (value.startsWith(WARNING))
      return { name, ok: true, warning: true, detail: value.slice(WARNING.length), roundTrips };
    return { name, ok: true, detail: value, roundTrips };
  } catch (e) {
    const detail = isFerryError(e) ? `${e.code}: ${e.message}` : e instanceof Error ? e.message : String(e);
    return { name, ok: false, detail, roundTrips: 0 };
  }
}

const connectStep: Step = async (c) => {
  const d = await c.describe();
  return `Odoo ${d.versionText}, protocol ${d.protocol}`;
};

const loginStep: Step = async (c) => {
  try {
    const uid = await c.connection.uid();
    return `logged in as uid ${uid}`;
  } catch (e) {
    if (
      isFerryError(e) &&
      e.code === 'partner_unavailable' &&
      (e.details as { exception?: string })?.exception?.startsWith('psycopg2')
    ) {
      throw new Error(
        `database "${c.connection.cfg.db}" is not available on this server: ${e.message.trim()}`,
      );
    }
    throw e;
  }
};

const appsStep: Step = async (c) => {
  const rows = await c.connection.call<{ name: string; state: string }[]>('ir.module.module', 'search_read', {
    domain: [['name', 'in', [...REQUIRED_APPS, 'delivery']]],
    fields: ['name', 'state'],
  });
  const installed = rows.filter((r) => r.state === 'installed').map((r) => r.name);
  const missing = REQUIRED_APPS.filter((a) => !installed.includes(a));
  if (missing.length)
    throw new Error(`Odoo apps not installed: ${missing.join(', ')} (Ferry needs sale, stock and account)`);
  return `installed: ${installed.sort().join(', ')}`;
};

function accessStep(model: string, ops: readonly string[]): Step {
  return async (c) => {
    const probe = namesFor((await c.connection.version()).major).accessProbe;
    const denied: string[] = [];
    for (const op of ops) {
      const args =
        probe === 'has_access' ? { ids: [], operation: op } : { operation: op, raise_exception: false };
      if ((await c.connection.call<boolean>(model, probe, args)) !== true) denied.push(op);
    }
    if (denied.length) throw new Error(`the integration user may not ${denied.join(', ')} ${model}`);
    return ops.join(', ');
  };
}

function listStep(
  model: string,
  fields: string[],
  domain: unknown[],
  show: (r: Record<string, unknown>) => string,
): Step {
  return async (c) => {
    const rows = await c.connection.call<Record<string, unknown>[]>(model, 'search_read', { domain, fields });
    if (!rows.length) throw new Error(`no ${model} records found`);
    return rows.map(show).join('; ');
  };
}

const m2oName = (v: unknown) => (Array.isArray(v) ? String(v[1]) : '');

/** Marks a passing check as a warning: its detail starts with this. */
export const WARNING = 'warning: ';

/** Where tracking numbers go: the native field, or the picking's chatter when its module is absent. */
const trackingStep: Step = async (c) => {
  const f = await c.features();
  if (f.nativeTracking) return `tracking numbers in stock.picking.carrier_tracking_ref (${f.trackingModule})`;
  return (
    `${WARNING}the ${f.trackingModule} module is ${f.trackingModuleState ?? 'not installed'}, so ` +
    `stock.picking has no carrier_tracking_ref: Ferry posts tracking numbers on the picking's chatter ` +
    `instead; install ${f.trackingModule} for the native field`
  );
};

function readChecks(): [string, Step][] {
  return [
    ...MODELS_TOUCHED.map(([m, ops]) => [`access ${m}`, accessStep(m, ops)] as [string, Step]),
    ['tracking numbers', trackingStep],
    [
      'warehouses',
      listStep(
        'stock.warehouse',
        ['name', 'code', 'lot_stock_id'],
        [],
        (r) => `${String(r.code)} ${String(r.name)} (stock ${m2oName(r.lot_stock_id)})`,
      ),
    ],
    [
      'stock locations',
      listStep('stock.location', ['complete_name'], [['usage', '=', 'internal']], (r) =>
        String(r.complete_name),
      ),
    ],
    [
      'sales taxes',
      listStep(
        'account.tax',
        ['name', 'amount'],
        [['type_tax_use', '=', 'sale']],
        (r) => `#${String(r.id)} ${String(r.name)}`,
      ),
    ],
    [
      'journals',
      listStep(
        'account.journal',
        ['name', 'code', 'type'],
        [],
        (r) => `${String(r.code)} ${String(r.name)} (${String(r.type)})`,
      ),
    ],
  ];
}

/** Runs the checks; stops after the first failure among connect, login and apps (the rest would only repeat it). */
export async function verifyConnection(
  options: OdooOptions,
  opts: { write?: boolean; tag?: string; sites?: readonly CompanySite[] } & WriteGuard = {},
): Promise<VerifyReport> {
  const client = createOdooClient(options);
  const checks: VerifyCheck[] = [];
  try {
    for (const [name, step] of [
      ['connect', connectStep],
      ['login', loginStep],
      ['apps', appsStep],
    ] as [string, Step][]) {
      const c = await runCheck(client, name, step);
      checks.push(c);
      if (!c.ok) return await report(client, checks);
    }
    for (const [name, step] of readChecks()) checks.push(await runCheck(client, name, step));
    checks.push(await runCheck(client, 'companies', companiesStep(opts.sites)));
    if (opts.write && checks.every((c) => c.ok)) {
      const guard = await runCheck(client, 'write: safe database', (c) => productionGuard(c, opts));
      checks.push(guard);
      if (guard.ok) checks.push(...(await writeChecks(client, opts.tag ?? `FERRY-VERIFY-${Date.now()}`)));
    }
    return await report(client, checks);
  } finally {
    await client.close();
  }
}

async function report(client: OdooClient, checks: VerifyCheck[]): Promise<VerifyReport> {
  const d = await client.describe().catch(() => undefined);
  return {
    version: d?.versionText ?? null,
    protocol: d?.protocol ?? null,
    checks,
    ok: checks.every((c) => c.ok),
  };
}

/**
 * The checks worth running when Ferry starts: the server answers, the integration user logs in,
 * the sale, stock and account apps are installed, and what the configuration maps per company
 * (and each warehouse in `sites`) belongs to that company. Stops at the first failure.
 */
export async function startupChecks(
  client: OdooClient,
  sites: readonly CompanySite[] = [],
): Promise<VerifyCheck[]> {
  const out: VerifyCheck[] = [];
  const steps: [string, Step][] = [
    ['connect', connectStep],
    ['login', loginStep],
    ['apps', appsStep],
    ['companies', companiesStep(sites)],
  ];
  for (const [name, step] of steps) {
    const c = await runCheck(client, name, step);
    out.push(c);
    if (!c.ok) break;
  }
  return out;
}
