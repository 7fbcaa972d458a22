/** Configuration checks that span several fields, run on the raw input. */
import { DEFAULT_LANES } from './schema.js';

export interface LooseIssue {
  path: (string | number)[];
  message: string;
}

/**
 * Checks that span several fields. Runs on the raw input too, so that these problems are reported
 * together with the field errors instead of only after those are fixed.
 */
export function crossCheck(raw: unknown): LooseIssue[] {
  const issues: LooseIssue[] = [];
  if (typeof raw !== 'object' || raw === null) return issues;
  const cfg = raw as { lanes?: unknown; flows?: unknown; channels?: unknown };
  const laneList = Array.isArray(cfg.lanes) ? (cfg.lanes as { name?: unknown }[]) : DEFAULT_LANES;
  const lanes = new Set(laneList.map((l) => l?.name));
  if (cfg.flows && typeof cfg.flows === 'object') {
    for (const [name, f] of Object.entries(cfg.flows as Record<string, { lane?: unknown }>)) {
      if (typeof f?.lane === 'string' && !lanes.has(f.lane))
        issues.push({ path: ['flows', name, 'lane'], message: `unknown lane "${f.lane}"` });
    }
  }
  if (Array.isArray(cfg.channels)) {
    const seen = new Set<unknown>();
    (
      cfg.channels as { id?: unknown; accessToken?: unknown; clientId?: unknown; clientSecret?: unknown }[]
    ).forEach((c, i) => {
      if (!c || typeof c !== 'object') return;
      if (seen.has(c.id))
        issues.push({ path: ['channels', i, 'id'], message: `duplicate channel id "${String(c.id)}"` });
      seen.add(c.id);
      if (!c.accessToken && !(c.clientId && c.clientSecret))
        issues.push({
          path: ['channels', i, 'accessToken'],
          message: 'required (or clientId and clientSecret)',
        });
    });
  }
  issues.push(...alertIssues(raw, lanes));
  issues.push(...companyIssues(raw));
  return issues;
}

/**
 * With warehouses configured, every channel's Odoo company needs one that ships for it: orders of
 * company X are released only to X's warehouses, so a channel of a company none ships for would
 * take orders that can never ship.
 */
function companyIssues(cfg: { odoo?: unknown; channels?: unknown; warehouses?: unknown }): LooseIssue[] {
  if (!Array.isArray(cfg.warehouses) || !cfg.warehouses.length || !Array.isArray(cfg.channels)) return [];
  const num = (v: unknown, d: number): number => (typeof v === 'number' ? v : d);
  const dflt = num((cfg.odoo as { company?: unknown } | undefined)?.company, 1);
  const shipsFor = (cfg.warehouses as { id?: unknown; odooCompany?: unknown }[]).map((w) => ({
    id: String(w?.id),
    company: num(w?.odooCompany, dflt),
  }));
  const issues: LooseIssue[] = [];
  (cfg.channels as { id?: unknown; company?: unknown }[]).forEach((c, i) => {
    const company = num(c?.company, dflt);
    if (shipsFor.some((w) => w.company === company)) return;
    issues.push({
      path: ['channels', i, 'company'],
      message: `channel "${String(c?.id)}" books its orders in Odoo company ${String(company)}, but no warehouse ships for that company (${shipsFor.map((w) => `"${w.id}" ships for company ${String(w.company)}`).join(', ')}); set warehouses[].odooCompany`,
    });
  });
  return issues;
}

/** Alert rules must name configured channels and lanes, or they would never fire. */
function alertIssues(cfg: { alerts?: unknown; channels?: unknown }, lanes: Set<unknown>): LooseIssue[] {
  const a = cfg.alerts as { noOrdersMinutes?: unknown; queueAge?: { lanes?: unknown } } | undefined;
  if (!a || typeof a !== 'object') return [];
  const issues: LooseIssue[] = [];
  const channels = new Set(
    Array.isArray(cfg.channels) ? (cfg.channels as { id?: unknown }[]).map((c) => c?.id) : [],
  );
  for (const id of Object.keys((a.noOrdersMinutes as object | undefined) ?? {}))
    if (!channels.has(id))
      issues.push({ path: ['alerts', 'noOrdersMinutes', id], message: `unknown channel "${id}"` });
  const queueLanes = a.queueAge?.lanes;
  if (Array.isArray(queueLanes))
    queueLanes.forEach((l, i) => {
      if (typeof l === 'string' && !lanes.has(l))
        issues.push({ path: ['alerts', 'queueAge', 'lanes', i], message: `unknown lane "${l}"` });
    });
  return issues;
}
