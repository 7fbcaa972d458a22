import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  Permission as P,
  SESSION_IDLE_MS,
  permissionsOf,
  principalOf,
  readCookie,
  writeSessionCookie,
  type NewSession,
  type Principal,
} from '../../auth/index.js';
import { typed, type AdminServices } from '../context.js';
import { OIDC_START_PATH } from './oidc.js';

/** The body of every session answer: who is signed in, what they may do, and the CSRF token. */
function sessionBody(
  p: Principal,
  csrfToken: string | null,
): {
  user: { id: number | null; name: string; role: string };
  permissions: string[];
  csrfToken: string | null;
} {
  return {
    user: { id: p.userId, name: p.userName, role: p.role },
    permissions: permissionsOf(p.role),
    csrfToken,
  };
}

function started(req: FastifyRequest, reply: FastifyReply, s: NewSession): ReturnType<typeof sessionBody> {
  writeSessionCookie(req, reply, s.cookie, SESSION_IDLE_MS);
  void reply.header('cache-control', 'no-store');
  return sessionBody(s.principal, s.csrfToken);
}

/**
 * Console sign-in: a token is exchanged for an HttpOnly, SameSite=Strict session cookie and a CSRF
 * token; `GET` tells the console who is signed in (and hands the CSRF token again after a reload);
 * `DELETE` signs out.
 */
export function sessionRoutes(app: FastifyInstance, s: AdminServices): void {
  const api = typed(app);
  const tags = ['session'];
  api.post(
    '/session',
    {
      schema: {
        tags,
        summary: 'Sign in to the console with an API token; sets the ferry_session cookie',
        body: z.object({ token: z.string().min(1) }),
      },
      config: { public: true },
    },
    async (req, reply) => started(req, reply, await s.sessions.signIn(req.body.token)),
  );
  api.get(
    '/session/providers',
    {
      schema: {
        tags,
        summary: 'How the sign-in page may sign in besides a token: the configured sign-on provider',
      },
      config: { public: true },
    },
    (_req, reply) => {
      void reply.header('cache-control', 'no-store');
      return {
        providers: s.oidc
          ? [{ kind: 'oidc' as const, name: s.oidc.options.name, startUrl: OIDC_START_PATH }]
          : [],
      };
    },
  );
  api.get(
    '/session',
    {
      schema: { tags, summary: 'Who is signed in, their permissions and the CSRF token' },
      config: { permission: P.read },
    },
    (req, reply) => {
      void reply.header('cache-control', 'no-store');
      return sessionBody(principalOf(req), req.consoleSession?.csrfToken ?? null);
    },
  );
  api.delete(
    '/session',
    {
      schema: { tags, summary: 'Sign out: ends the session and clears the cookie' },
      config: { permission: P.read },
    },
    async (req, reply) => {
      const cookie = readCookie(req);
      const signedOut = cookie ? await s.sessions.signOut(cookie) : false;
      writeSessionCookie(req, reply, null);
      return { signedOut };
    },
  );
}

/**
 * `GET /console/login?link=…`: a one-time sign-in link sets the session cookie and goes on to the
 * console. A hook rather than a route, so the console's own page may serve `/console/login`
 * without a link (the token form) whatever serves the static files. A used or expired link goes
 * back to that page with `error=link`.
 */
export function loginLinkHook(app: FastifyInstance, s: AdminServices): void {
  app.addHook('onRequest', async (req, reply) => {
    if (req.method !== 'GET' || !req.url.startsWith('/console/login?')) return;
    const link = new URLSearchParams(req.url.slice(req.url.indexOf('?') + 1)).get('link');
    if (link === null) return;
    // The link's secret is in the URL: no cache may keep the answer, no next page may see it.
    void reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    try {
      const session = await s.sessions.signInWithLink(link);
      writeSessionCookie(req, reply, session.cookie, SESSION_IDLE_MS);
      return reply.redirect('/console/', 303);
    } catch {
      return reply.redirect('/console/login?error=link', 303);
    }
  });
}
