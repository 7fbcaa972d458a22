/** The CSV and four-eyes approval routes in the every-route × every-role matrix of routes.test.ts. */
import type { CaseFixture, RouteCase } from './consoleRouteCases.js';

const ALL = ['viewer', 'operator', 'finance', 'admin'] as const;

/** Cases for the mapping CSV and approval routes; each `make` builds its own fixture. */
export function mappingRouteCases(fx: CaseFixture): RouteCase[] {
  /** A tax change held for approval, asked for by someone other than any test role. */
  const held = async (): Promise<number> => {
    const key = `held-${fx.next()}`;
    const a = await fx.s().approvals.holdMappings(
      [
        {
          kind: 'tax',
          scope: 'eu',
          key,
          value: 'VAT 7%',
          baseVersion: null,
          from: null,
          action: 'mapping.set',
        },
      ],
      { actor: 'user:someone-else', userId: null, role: 'admin' },
    );
    return a.id;
  };
  return [
    {
      name: 'export mappings as CSV',
      allowed: ALL,
      make: () => Promise.resolve({ method: 'GET', url: '/api/mappings/export.csv' }),
    },
    {
      name: 'import mappings from CSV (dry run)',
      allowed: ['operator', 'finance', 'admin'],
      make: () =>
        Promise.resolve({
          method: 'POST',
          url: '/api/mappings/import?dryRun=true',
          body: 'kind,scope,key,value\ntax,eu,DRY,VAT 5%\n',
          contentType: 'text/csv',
        }),
    },
    {
      name: 'approvals',
      allowed: ALL,
      make: () => Promise.resolve({ method: 'GET', url: '/api/approvals' }),
    },
    {
      name: 'approval',
      allowed: ALL,
      make: async () => ({ method: 'GET', url: `/api/approvals/${await held()}` }),
    },
    {
      name: 'approve',
      allowed: ['finance', 'admin'],
      make: async () => ({ method: 'POST', url: `/api/approvals/${await held()}/approve` }),
    },
    {
      name: 'pending approvals count',
      allowed: ALL,
      make: () => Promise.resolve({ method: 'GET', url: '/api/approvals/count' }),
    },
    {
      // Whoever may decide some change is heard; each change then answers for itself (an operator's
      // result for this tax change is a refusal, as for one at a time).
      name: 'decide several approvals',
      allowed: ['operator', 'finance', 'admin'],
      make: async () => ({
        method: 'POST',
        url: '/api/approvals/decide',
        body: { ids: [await held()], decision: 'approve' },
      }),
    },
    {
      name: 'reject',
      allowed: ['finance', 'admin'],
      make: async () => ({
        method: 'POST',
        url: `/api/approvals/${await held()}/reject`,
        body: { reason: 'rate is wrong' },
      }),
    },
  ];
}
