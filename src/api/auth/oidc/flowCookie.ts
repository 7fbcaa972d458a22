/**
 * The browser's half of one sign-on: state, nonce and PKCE verifier, kept in a short-lived cookie
 * between `/console/auth/oidc/start` and the provider's redirect back. Nothing is stored
 * server-side, so any Ferry process behind a load balancer can finish what another started.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { readCookie } from '../cookie.js';

/** How long a person has at the provider (sign-in, consent) before the flow must start again. */
export const FLOW_TTL_MS = 10 * 60_000;

/** What the callback checks the provider's answer against. */
export interface Flow {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/**
 * `__Host-` on https: the browser then takes the cookie only from this host, over https, for
 * Path=/, so a sibling subdomain cannot plant a flow of its own (login CSRF). Plain http is for
 * localhost only (the configuration refuses it elsewhere), where the prefix is not allowed.
 */
function cookieName(secure: boolean): string {
  return secure ? '__Host-ferry_oidc' : 'ferry_oidc';
}

const PART = /^[A-Za-z0-9_-]{20,128}$/;

/** Sets the flow cookie. SameSite=Lax: it must come back on the provider's top-level redirect. */
export function writeFlow(reply: FastifyReply, flow: Flow, secure: boolean): void {
  const value = [flow.state, flow.nonce, flow.codeVerifier].join('.');
  const parts = [
    `${cookieName(secure)}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${FLOW_TTL_MS / 1000}`,
  ];
  if (secure) parts.push('Secure');
  void reply.header('set-cookie', parts.join('; '));
}

/** Clears the flow cookie: a flow is finished once, whatever its outcome. */
export function clearFlow(reply: FastifyReply, secure: boolean): void {
  const parts = [`${cookieName(secure)}=`, 'Path=/', 'HttpOnly', 'SameSite=Lax', 'Max-Age=0'];
  if (secure) parts.push('Secure');
  void reply.header('set-cookie', parts.join('; '));
}

/** The flow this browser started, or undefined when it has none (expired, another browser). */
export function readFlow(req: FastifyRequest, secure: boolean): Flow | undefined {
  const raw = readCookie(req, cookieName(secure));
  const [state, nonce, codeVerifier, extra] = raw?.split('.') ?? [];
  if (extra !== undefined || ![state, nonce, codeVerifier].every((p) => p !== undefined && PART.test(p)))
    return undefined;
  return { state: state!, nonce: nonce!, codeVerifier: codeVerifier! };
}
