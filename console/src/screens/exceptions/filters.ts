import { qs } from '../../api/client.js';

/** The queue's filters, all kept in the URL. */
export const FILTER_KEYS = [
  'status',
  'lane',
  'code',
  'errorClass',
  'impact',
  'assignee',
  'q',
  // Set by the links of the health overview (a flow's failures): shown, kept, and cleared with the rest.
  'task',
  'partner',
  'channel',
  'maxAgeMs',
] as const;
/** The filters only a link sets; the bar shows them in words. */
export const LINK_KEYS = ['task', 'partner', 'channel', 'maxAgeMs'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Record<FilterKey, string>;

export const IMPACTS = ['blocks-shipment', 'oversell-risk', 'finance', 'info'] as const;
export const ERROR_CLASSES = [
  'mapping',
  'rule',
  'data',
  'access',
  'partner',
  'conflict',
  'internal',
] as const;

/** The filter as the API takes it (status defaults to open), without empty values. */
export function apiFilter(f: Filters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of FILTER_KEYS) if (f[k]) out[k] = f[k];
  out.status = f.status || 'open';
  return out;
}

/** The filter in words, for the bulk confirmation: what exactly "all N matching" means. */
export function describeFilter(f: Filters): string[] {
  const { status: _s, ...rest } = apiFilter(f);
  const parts = Object.entries(rest).map(([k, v]) => `${k} = ${v}`);
  return parts.length ? parts : ['(no filter: every open exception)'];
}

export function listPath(f: Filters, cursor: string, limit = 50): string {
  return `/exceptions${qs({ ...apiFilter(f), cursor, limit })}`;
}

/**
 * The change probes ask both tabs (open and resolved cover every status): an exception resolved
 * elsewhere must leave the open tab, one reopened must leave the resolved tab.
 */
export function probePaths(f: Filters, since: number): string[] {
  const { status: _s, ...rest } = apiFilter(f);
  return (['open', 'resolved'] as const).map(
    (status) => `/exceptions${qs({ ...rest, status, changedSince: since, limit: 1 })}`,
  );
}

/** The mapping the failure message names (`ferry mappings set KIND SCOPE KEY <…>`), if it names one. */
export function suggestedMapping(message: string): { kind: string; scope: string; key: string } | null {
  const m = /ferry mappings set (\S+) (\S+) (\S+) </.exec(message);
  return m ? { kind: m[1]!, scope: m[2]!, key: m[3]! } : null;
}
