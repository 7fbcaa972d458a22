import { useEffect, useRef } from 'react';
import { useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api, serverNow } from './client.js';
import type { Page } from './types.js';

/** Seconds between "changed since" probes: a person notices within this, the server barely does. */
export const POLL_MS = 5000;
/** Margin for the Date header's whole seconds and for writes committing while a probe runs. */
const OVERLAP_MS = 2000;

/** A probe's answer: a page of a list, the search's results, or a plain list (mappings, users). */
type Probe = Page<unknown> | { results: unknown[] } | unknown[];
const changedIn = (p: Probe): number =>
  Array.isArray(p) ? p.length : 'results' in p ? p.results.length : Math.max(p.total, p.items.length);

/**
 * Keeps a list fresh without refetching it blindly: every POLL_MS it asks only how many records
 * changed since the last look (`changedSince`, `limit=1`), and refetches the list when any did.
 * Several probes may be asked (a record that left this tab for another counts too).
 * The list stays on screen while it refetches: rows never blank out.
 */
export function useChangedSince(
  listKey: QueryKey,
  probePaths: (since: number) => string[],
  enabled = true,
): void {
  const client = useQueryClient();
  const since = useRef(serverNow());
  const key = JSON.stringify(listKey);
  useEffect(() => {
    since.current = serverNow() - OVERLAP_MS;
  }, [key]);
  useQuery({
    queryKey: ['changedSince', ...listKey],
    enabled,
    refetchInterval: POLL_MS,
    queryFn: async () => {
      const asked = serverNow() - OVERLAP_MS;
      const pages = await Promise.all(probePaths(since.current).map((p) => api<Probe>('GET', p)));
      since.current = asked;
      const changed = pages.reduce((n, p) => n + changedIn(p), 0);
      if (changed > 0) await client.invalidateQueries({ queryKey: listKey });
      return changed;
    },
  });
}

/**
 * Filters kept in the URL, so a filtered list can be bookmarked, shared and reopened. Setting a
 * value to '' removes it; changing a filter drops the page cursor.
 */
export function useUrlFilters<K extends string>(
  keys: readonly K[],
): [Record<K, string>, (patch: Partial<Record<K | 'cursor', string>>) => void, URLSearchParams] {
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ''])) as Record<K, string>;
  const set = (patch: Partial<Record<K | 'cursor', string>>): void => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (!('cursor' in patch)) next.delete('cursor');
        for (const [k, v] of Object.entries(patch)) {
          if (v === undefined || v === '') next.delete(k);
          else next.set(k, v as string);
        }
        return next;
      },
      { replace: false },
    );
  };
  return [values, set, params];
}

/** GET a path as a query keyed by the path itself. */
export function useGet<T>(path: string | null, opts: { refetchMs?: number } = {}) {
  return useQuery({
    queryKey: [path],
    enabled: path !== null,
    queryFn: () => api<T>('GET', path!),
    ...(opts.refetchMs ? { refetchInterval: opts.refetchMs } : {}),
  });
}
