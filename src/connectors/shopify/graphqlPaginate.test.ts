import { describe, expect, it } from 'vitest';
import { paginate } from './graphqlPaginate.js';
import type { Page } from './graphqlTypes.js';

/** A connection over 0..n-1 in pages of `size`, cursors being the last index as text. */
function source(n: number, size: number, calls: (string | null)[]) {
  return (after: string | null): Promise<Page<number>> => {
    calls.push(after);
    const start = after === null ? 0 : Number(after) + 1;
    const nodes = Array.from({ length: Math.max(0, Math.min(size, n - start)) }, (_, i) => start + i);
    const end = start + nodes.length;
    return Promise.resolve({
      nodes,
      pageInfo: { hasNextPage: end < n, endCursor: nodes.length ? String(end - 1) : null },
    });
  };
}

async function collect<T>(gen: AsyncGenerator<{ nodes: T[] }>): Promise<T[]> {
  const out: T[] = [];
  for await (const p of gen) out.push(...p.nodes);
  return out;
}

describe('paginate', () => {
  it('follows endCursor until hasNextPage is false', async () => {
    const calls: (string | null)[] = [];
    expect(await collect(paginate(source(7, 3, calls)))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(calls).toEqual([null, '2', '5']);
  });

  it('stops at maxPages and resumes from a given cursor', async () => {
    const calls: (string | null)[] = [];
    expect(await collect(paginate(source(10, 2, calls), { maxPages: 2 }))).toEqual([0, 1, 2, 3]);
    expect(await collect(paginate(source(10, 2, calls), { after: '3', maxPages: 1 }))).toEqual([4, 5]);
  });

  it('stops instead of looping when a page claims more but has no cursor', async () => {
    let calls = 0;
    const broken = () => {
      calls++;
      return Promise.resolve({ nodes: [1], pageInfo: { hasNextPage: true, endCursor: null } });
    };
    expect(await collect(paginate(broken))).toEqual([1]);
    expect(calls).toBe(1);
  });
});
