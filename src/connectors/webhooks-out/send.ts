import { Agent, request } from 'undici';
import type { WebhookSender } from './port.js';
import { signatureHeaders } from './sign.js';

/**
 * POSTs deliveries over one keep-alive pool. Only a 2xx answer counts as delivered: redirects are
 * not followed and count as failures (Standard Webhooks: a 3xx means the endpoint moved, and
 * following it would send signed events somewhere the subscriber never registered).
 */
export function webhookSender(opts: {
  timeoutMs: number;
  connections?: number;
  now?: () => number;
}): WebhookSender {
  const agent = new Agent({
    connections: opts.connections ?? 64,
    headersTimeout: opts.timeoutMs,
    bodyTimeout: opts.timeoutMs,
    connectTimeout: opts.timeoutMs,
  });
  const now = opts.now ?? Date.now;
  return {
    async send({ url, msgId, at, secrets, body }) {
      const headers = signatureHeaders(secrets, msgId, at, body);
      const started = now();
      try {
        const r = await request(url, {
          method: 'POST',
          dispatcher: agent,
          headers: { 'content-type': 'application/json', 'user-agent': 'Ferry-Events/1', ...headers },
          body,
          signal: AbortSignal.timeout(opts.timeoutMs),
        });
        await r.body.dump();
        const ok = r.statusCode >= 200 && r.statusCode < 300;
        const ra = r.headers['retry-after'];
        const retryAfterS = typeof ra === 'string' && /^\d+$/.test(ra) ? Number(ra) : null;
        return {
          ok,
          status: r.statusCode,
          error: ok
            ? null
            : r.statusCode >= 300 && r.statusCode < 400
              ? `redirect ${r.statusCode} not followed: an endpoint must answer 2xx itself`
              : `endpoint answered ${r.statusCode}`,
          durationMs: now() - started,
          retryAfterS,
        };
      } catch (e) {
        const code = (e as { code?: string }).code;
        return {
          ok: false,
          status: null,
          error: `no answer: ${code ?? (e as Error).name}`,
          durationMs: now() - started,
          retryAfterS: null,
        };
      }
    },
    close: () => agent.close(),
  };
}
