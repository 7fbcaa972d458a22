import type { FastifyInstance } from 'fastify';
import { Permission, can } from '../auth/index.js';
import { redactPersonal } from './redact.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The answer may carry personal data: redacted for roles without `personal.read`. */
    personal?: boolean;
  }
}

/**
 * Redacts the answers of routes marked `personal` for callers whose role may not see personal
 * data, before they are serialised: the route code stays the same for every role, and a route
 * that forgets the mark is the only way to leak (routes.test.ts checks the viewer's answers).
 */
export function redactForRoles(app: FastifyInstance): void {
  app.addHook('preSerialization', (req, _reply, payload, done) => {
    const p = req.principal;
    if (!req.routeOptions.config.personal || !p || can(p.role, Permission.personalRead))
      return done(null, payload);
    done(null, redactPersonal(payload));
  });
}
