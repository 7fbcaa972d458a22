/** The console's routes in the every-route × every-role matrix of routes.test.ts. */
import type { Role } from '../auth/index.js';
import type { AdminServices } from './context.js';

export interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  /** Sent as this content type (a CSV file) instead of JSON. */
  contentType?: string;
}
export interface RouteCase {
  name: string;
  allowed: readonly Role[];
  /** Builds a fresh request, so each allowed role's call can succeed on its own fixture. */
  make: () => Promise<Call>;
  /** Reachable without a token (signing in): left out of the 401 check. */
  public?: boolean;
}

/** What the console's cases need from the test: services, a token per role, a counter for fresh names. */
export interface CaseFixture {
  s: () => AdminServices;
  /** Parks a fresh finance exception (finance may act on it too) and returns its id. */
  exc: () => Promise<number>;
  /** Seeds a fresh order and returns its id. */
  order: () => Promise<number>;
  tokens: Record<Role, string>;
  next: () => number;
}

const ALL = ['viewer', 'operator', 'finance', 'admin'] as const;
const fixed = (c: Call) => (): Promise<Call> => Promise.resolve(c);

/** Cases for every console route; each `make` builds its own fixture. */
export function consoleRouteCases(fx: CaseFixture): RouteCase[] {
  const user = async (): Promise<number> =>
    (await fx.s().users.add({ name: `u${fx.next()}`, role: 'viewer' }, 'seed')).id;
  return [
    {
      name: 'sign in',
      allowed: ALL,
      public: true,
      make: () => Promise.resolve({ method: 'POST', url: '/api/session', body: { token: fx.tokens.viewer } }),
    },
    { name: 'session', allowed: ALL, make: fixed({ method: 'GET', url: '/api/session' }) },
    {
      name: 'sign-on providers',
      allowed: ALL,
      public: true,
      make: fixed({ method: 'GET', url: '/api/session/providers' }),
    },
    { name: 'sign out', allowed: ALL, make: fixed({ method: 'DELETE', url: '/api/session' }) },
    { name: 'users', allowed: ['admin'], make: fixed({ method: 'GET', url: '/api/users' }) },
    {
      name: 'add user',
      allowed: ['admin'],
      make: () =>
        Promise.resolve({
          method: 'POST',
          url: '/api/users',
          body: { name: `n${fx.next()}`, role: 'viewer' },
        }),
    },
    {
      name: 'change user',
      allowed: ['admin'],
      make: async () => ({ method: 'PATCH', url: `/api/users/${await user()}`, body: { role: 'operator' } }),
    },
    {
      name: 'user token',
      allowed: ['admin'],
      make: async () => ({ method: 'POST', url: `/api/users/${await user()}/tokens`, body: {} }),
    },
    {
      name: 'user sign-in link',
      allowed: ['admin'],
      make: async () => ({ method: 'POST', url: `/api/users/${await user()}/link` }),
    },
    {
      name: 'assign exception',
      allowed: ['operator', 'finance', 'admin'],
      make: async () => ({
        method: 'POST',
        url: `/api/exceptions/${await fx.exc()}/assign`,
        body: { userId: await user() },
      }),
    },
    {
      name: 'bulk action',
      allowed: ['operator', 'finance', 'admin'],
      make: async () => ({
        method: 'POST',
        url: '/api/exceptions/bulk',
        body: { action: 'skip', ids: [await fx.exc()], reason: 'test orders' },
      }),
    },
    {
      name: 'batch progress',
      allowed: ALL,
      make: async () => {
        const b = await fx.s().bulk.start({ action: 'skip', ids: [await fx.exc()], reason: 'seed' }, 'seed');
        return { method: 'GET', url: `/api/batches/${b.batchId}` };
      },
    },
    {
      name: 'exception diff',
      allowed: ALL,
      make: async () => {
        const id = await fx.exc();
        await fx.s().exceptions.editAndReplay(id, { edited: true }, 'seed');
        return { method: 'GET', url: `/api/exceptions/${id}/diff?against=edited` };
      },
    },
    {
      name: 'exception edit preview',
      allowed: ['operator', 'finance', 'admin'],
      make: async () => ({
        method: 'POST',
        url: `/api/exceptions/${await fx.exc()}/diff`,
        body: { payload: { edited: true } },
      }),
    },
    {
      name: 'search orders by any id',
      allowed: ALL,
      make: fixed({ method: 'GET', url: '/api/search?q=eu-' }),
    },
    {
      name: 'order page',
      allowed: ALL,
      make: async () => ({ method: 'GET', url: `/api/orders/${await fx.order()}` }),
    },
  ];
}
