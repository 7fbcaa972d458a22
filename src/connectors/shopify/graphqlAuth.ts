/**
 * Access tokens for the Admin API: a permanent `shpat_` token (legacy custom apps) or the client
 * credentials grant of Dev-Dashboard apps (PROTOCOLS.md §1.1), refreshed before it expires.
 */
import type { Dispatcher } from 'undici';
import type { Clock } from '../../core/clock.js';
import { FerryError } from '../../core/errors.js';
import { post } from './graphqlHttp.js';

export type ShopifyAuth =
  | { kind: 'accessToken'; accessToken: string }
  | {
      kind: 'clientCredentials';
      clientId: string;
      clientSecret: string;
      /** Refresh this long before expiry; default 5 min, at most half the token's lifetime. */
      refreshBeforeExpiryMs?: number;
    };

/**
 * Lifetime assumed when the answer has no `expires_in`: tokens last about 24 h (PROTOCOLS.md §1.1,
 * exact value UNCONFIRMED), and a refresh is one cheap call, so assume much less.
 */
const DEFAULT_LIFETIME_MS = 60 * 60 * 1000;

interface Held {
  token: string;
  refreshAtMs: number;
}

/** Hands out a valid token; one refresh at a time however many queries wait for it. */
export class TokenSource {
  private held: Held | undefined;
  /** Tokens fetched so far (for stats). */
  fetches = 0;
  private inflight: Promise<string> | undefined;

  constructor(
    private readonly auth: ShopifyAuth,
    private readonly http: { dispatcher: Dispatcher; baseUrl: string; timeoutMs: number; partner: string },
    private readonly clock: Clock,
  ) {}

  async get(): Promise<string> {
    if (this.auth.kind === 'accessToken') return this.auth.accessToken;
    if (this.held && this.clock.now() < this.held.refreshAtMs) return this.held.token;
    this.inflight ??= this.fetchToken().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  /** Drops the held token after a 401, so the next `get()` asks for a new one. */
  invalidate(): void {
    this.held = undefined;
  }

  /** True when a 401 can be cured by asking for a new token. */
  get canRefresh(): boolean {
    return this.auth.kind === 'clientCredentials';
  }

  private async fetchToken(): Promise<string> {
    if (this.auth.kind !== 'clientCredentials') throw new Error('unreachable');
    const startedMs = this.clock.now();
    this.fetches++;
    const answer = await post({
      dispatcher: this.http.dispatcher,
      url: `${this.http.baseUrl}/admin/oauth/access_token`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: this.auth.clientId,
        client_secret: this.auth.clientSecret,
      }).toString(),
      timeoutMs: this.http.timeoutMs,
      partner: this.http.partner,
    });
    const body = answer.json as { access_token?: unknown; expires_in?: unknown } | undefined;
    if (answer.status !== 200 || typeof body?.access_token !== 'string') {
      throw tokenError(answer.status, answer.text, this.http.partner);
    }
    const lifetimeMs = typeof body.expires_in === 'number' ? body.expires_in * 1000 : DEFAULT_LIFETIME_MS;
    const margin = Math.min(this.auth.refreshBeforeExpiryMs ?? 5 * 60 * 1000, lifetimeMs / 2);
    // Measured from the request's start: the token's clock started no earlier than that.
    this.held = { token: body.access_token, refreshAtMs: startedMs + lifetimeMs - margin };
    return body.access_token;
  }
}

function tokenError(status: number, text: string, partner: string): FerryError {
  const detail = text.slice(0, 200);
  if (status >= 500 || status === 429) {
    return new FerryError('partner_unavailable', `Shopify token endpoint answered ${status}`, {
      partner,
      details: detail,
    });
  }
  return new FerryError('partner_auth', `Shopify refused the client credentials (${status}): ${detail}`, {
    partner,
  });
}
