/** The health overview's, partners', inventory's, audit pages' and saved views' routes in the every-route × every-role matrix of routes.test.ts. */
import { ROLES, type Role } from '../auth/index.js';
import type { CaseFixture, RouteCase } from './consoleRouteCases.js';

const ALL = ROLES;

/** What these cases need besides the console's fixture. */
export interface HealthCaseFixture extends CaseFixture {
  /** The user id behind each role's token. */
  userOf: (role: Role) => Promise<number>;
  /** A SKU with a recorded publication on channel `shop`. */
  publishedSku: string;
  /** A partner name with a connection test. */
  testablePartner: string;
}

export function healthRouteCases(fx: HealthCaseFixture): RouteCase[] {
  // The matrix calls `make` once per role, in ROLES order: a view is deleted by the user who owns it.
  let turn = 0;
  return [
    {
      name: 'health overview',
      allowed: ALL,
      make: () => Promise.resolve({ method: 'GET', url: '/api/overview' }),
    },
    {
      name: 'partners detail',
      allowed: ALL,
      make: () => Promise.resolve({ method: 'GET', url: '/api/partners/detail' }),
    },
    {
      name: 'partner connection test',
      allowed: ['operator', 'admin'],
      make: () =>
        Promise.resolve({
          method: 'POST',
          url: `/api/partners/${encodeURIComponent(fx.testablePartner)}/test`,
        }),
    },
    {
      name: 'inventory of a SKU',
      allowed: ALL,
      make: () => Promise.resolve({ method: 'GET', url: `/api/inventory/${fx.publishedSku}` }),
    },
    {
      name: 'audit pages',
      allowed: ['finance', 'admin'],
      make: () => Promise.resolve({ method: 'GET', url: '/api/audit/entries?limit=5' }),
    },
    { name: 'saved views', allowed: ALL, make: () => Promise.resolve({ method: 'GET', url: '/api/views' }) },
    {
      name: 'save a view',
      allowed: ALL,
      make: () =>
        Promise.resolve({
          method: 'POST',
          url: '/api/views',
          body: { screen: 'exceptions', name: `v${fx.next()}`, query: 'status=open' },
        }),
    },
    {
      name: 'delete a view',
      allowed: ALL,
      make: async () => {
        const role = ROLES[turn++ % ROLES.length]!;
        const v = await fx.s().views.save(await fx.userOf(role), {
          screen: 'orders',
          name: `d${fx.next()}`,
          query: 'q=eu-',
        });
        return { method: 'DELETE', url: `/api/views/${v.id}` };
      },
    },
  ];
}
