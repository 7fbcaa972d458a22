/** The console session cookie: read from and written to headers without a cookie library. */
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Name of the console's session cookie. */
export const SESSION_COOKIE = 'ferry_session';

/** The value of one cookie in the request's Cookie header, if present. */
export function readCookie(req: FastifyRequest, name: string = SESSION_COOKIE): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Sets (or, with `value` null, clears) the session cookie: HttpOnly so page scripts never see it,
 * SameSite=Strict so no other site's page can send it, Path=/ for /api and /console alike, and
 * Secure whenever the request came over https (plain http on localhost must still work for the demo).
 */
export function writeSessionCookie(
  req: FastifyRequest,
  reply: FastifyReply,
  value: string | null,
  maxAgeMs = 0,
): void {
  const parts = [
    `${SESSION_COOKIE}=${value ?? ''}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${value === null ? 0 : Math.max(0, Math.floor(maxAgeMs / 1000))}`,
  ];
  if (req.protocol === 'https') parts.push('Secure');
  void reply.header('set-cookie', parts.join('; '));
}
