import type { FastifyInstance, FastifyRequest } from 'fastify';
import { FerryError } from '../../core/errors.js';
import { readCookie } from './cookie.js';
import { can, type Permission } from './roles.js';
import { sameCsrf, type SessionService } from './sessionService.js';
import type { Principal, TokenService } from './tokenService.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Permissions of which the caller needs at least one; none declared refuses everyone. */
    permission?: Permission | readonly Permission[];
    /** Reachable without a token or session (signing in itself). */
    public?: boolean;
  }
  interface FastifyRequest {
    principal?: Principal;
    /** Set when the caller came with the console's session cookie rather than a bearer token. */
    consoleSession?: { csrfToken: string; cookie: string };
  }
}

/** Methods that change nothing, so a forged cross-site request could learn nothing from them. */
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Who is calling: a bearer token, else the console's session cookie. A cookie-authenticated
 * request that changes anything must repeat the session's CSRF token in `x-csrf-token`: a browser
 * attaches the cookie by itself, but only the console's own page can read the token.
 */
async function authenticate(
  req: FastifyRequest,
  tokens: TokenService,
  sessions: SessionService | undefined,
): Promise<Principal> {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const bearer = header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    return tokens.authenticate(bearer);
  }
  const cookie = readCookie(req);
  if (sessions && cookie) {
    const s = await sessions.resume(cookie);
    if (!s) throw new FerryError('unauthorized', 'the console session has ended; sign in again');
    if (!SAFE.has(req.method) && !sameCsrf(headerValue(req.headers['x-csrf-token']), s.csrfToken))
      throw new FerryError('forbidden', "a change from the console needs the session's x-csrf-token header");
    req.consoleSession = { csrfToken: s.csrfToken, cookie };
    return s.principal;
  }
  return tokens.authenticate(undefined);
}

const headerValue = (h: string | string[] | undefined): string | undefined => (Array.isArray(h) ? h[0] : h);

/**
 * Checks the caller and the route's permission before anything else runs (onRequest, so not even
 * body parsing happens for a refused caller). Registered in the admin plugin's scope.
 */
export function requireAuth(app: FastifyInstance, tokens: TokenService, sessions?: SessionService): void {
  app.addHook('onRequest', async (req, reply) => {
    if (req.routeOptions.config.public) return;
    try {
      req.principal = await authenticate(req, tokens, sessions);
    } catch (e) {
      if ((e as FerryError).code === 'unauthorized') void reply.header('www-authenticate', 'Bearer');
      throw e;
    }
    const wanted = req.routeOptions.config.permission;
    const any = wanted === undefined ? [] : typeof wanted === 'string' ? [wanted] : wanted;
    if (!any.some((p) => can(req.principal!.role, p)))
      throw new FerryError(
        'forbidden',
        `role ${req.principal.role} may not ${req.method} ${req.routeOptions.url ?? req.url}` +
          (any.length ? ` (needs ${any.join(' or ')})` : ''),
      );
  });
}

/** The authenticated caller of an admin route. */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new FerryError('unauthorized', 'a valid, unexpired API token is required');
  return req.principal;
}

/** Whether the caller holds `permission` (for checks scoped to the record a route touches). */
export function holds(req: FastifyRequest, permission: Permission): boolean {
  return can(principalOf(req).role, permission);
}
