/**
 * The console's only way to the server: JSON over /api with the session cookie, and the CSRF
 * token the session answer gave on every state-changing request (the server refuses one without).
 */

/** A refusal or failure as the server stated it: stable code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
/** Server clock minus this browser's, from the last answer's Date header (whole seconds). */
let clockOffsetMs = 0;
const unauthorizedListeners = new Set<() => void>();

/** Sets the token sent as `x-csrf-token`; null after sign-out. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when any request answers 401: the session ended (expired, signed out elsewhere). */
export function onUnauthorized(fn: () => void): () => void {
  unauthorizedListeners.add(fn);
  return () => unauthorizedListeners.delete(fn);
}

/**
 * The server's time now, as well as this browser knows it: "changed since" asks the server about
 * its own clock, so a browser whose clock is off still sees every change.
 */
export function serverNow(): number {
  return Date.now() + clockOffsetMs;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Query string from a record, leaving out empty values so URLs stay short and shareable. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}

/**
 * Sends one request; resolves with the parsed answer, rejects with ApiError. A body is sent as
 * JSON unless a content type is given (a CSV file goes as it is).
 */
export async function api<T>(method: Method, path: string, body?: unknown, contentType?: string): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = contentType ?? 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(`/api${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body !== undefined ? { body: contentType ? (body as string) : JSON.stringify(body) } : {}),
  });
  const date = res.headers.get('date');
  if (date) clockOffsetMs = Date.parse(date) - Date.now();
  const text = await res.text();
  const data: unknown = text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
  if (!res.ok) {
    if (res.status === 401 && path !== '/session') for (const fn of unauthorizedListeners) fn();
    const e = (data ?? {}) as { error?: string; message?: string };
    throw new ApiError(res.status, e.error ?? 'http_' + String(res.status), e.message ?? res.statusText);
  }
  return data as T;
}

/** The message a person should read for a failed request. */
export function describeError(e: unknown): string {
  if (e instanceof ApiError)
    return e.status === 403 ? `Not allowed for your role: ${e.message}` : `${e.message} (${e.code})`;
  return e instanceof Error ? e.message : String(e);
}
