import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  SESSION_IDLE_MS,
  clearFlow,
  readFlow,
  writeFlow,
  writeSessionCookie,
  type RefusalReason,
} from '../../auth/index.js';
import type { AdminServices } from '../context.js';

/** Where sign-on begins: the sign-in page's "Sign in with …" button links here. */
export const OIDC_START_PATH = '/console/auth/oidc/start';
const CALLBACK_PATH = '/console/auth/oidc/callback';

/** Back to the sign-in page, which words the reason (a fixed text per reason: nothing echoed). */
const toLogin = (reply: FastifyReply, reason: RefusalReason): FastifyReply =>
  reply.redirect(`/console/login?error=sso&reason=${reason}`, 303);

/**
 * Sign-on with the configured OpenID Connect provider: `start` sends the browser to the provider
 * with a fresh flow cookie; the provider sends it back to `callback`, which checks the answer
 * against that cookie and sets the same session cookie as token sign-in. Registered only when
 * console.oidc is configured (without it, these paths are the console's page like any other).
 */
export function oidcRoutes(app: FastifyInstance, s: AdminServices): void {
  const oidc = s.oidc;
  if (!oidc) return;
  app.get(OIDC_START_PATH, { schema: { hide: true } }, async (_req, reply) => {
    void reply.header('cache-control', 'no-store');
    const started = await oidc.start();
    if ('refusal' in started) return toLogin(reply, started.refusal.reason);
    writeFlow(reply, started.flow, oidc.secure);
    return reply.redirect(started.url, 303);
  });
  app.get(CALLBACK_PATH, { schema: { hide: true } }, async (req, reply) => {
    // The code is in the URL: no cache may keep the answer, no next page may see it.
    void reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    const at = req.url.indexOf('?');
    const flow = readFlow(req, oidc.secure);
    clearFlow(reply, oidc.secure);
    const done = await oidc.finish(at < 0 ? '' : req.url.slice(at + 1), flow);
    if (!done.ok) return toLogin(reply, done.refusal.reason);
    writeSessionCookie(req, reply, done.session.cookie, SESSION_IDLE_MS);
    return reply.redirect('/console/', 303);
  });
}
