import type { FastifyInstance, FastifyRequest } from 'fastify';
import { FerryError } from '../../core/errors.js';
import { can, type Permission } from './roles.js';
import type { Principal, TokenService } from './tokenService.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Permissions of which the caller needs at least one; none declared refuses everyone. */
    permission?: Permission | readonly Permission[];
  }
  interface FastifyRequest {
    principal?: Principal;
  }
}

/**
 * Checks the bearer token and the route's permission before anything else runs (onRequest, so
 * not even body parsing happens for a refused caller). Registered in the admin plugin's scope.
 */
export function requireAuth(app: FastifyInstance, tokens: TokenService): void {
  app.addHook('onRequest', async (req, reply) => {
    const header = req.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    try {
      req.principal = await tokens.authenticate(bearer);
    } catch (e) {
      void reply.header('www-authenticate', 'Bearer');
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
