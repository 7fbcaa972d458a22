/**
 * Access tokens: permanent `shpat_` tokens and the client credentials grant
 * (`POST /admin/oauth/access_token`, PROTOCOLS.md §1.1) with an expiry the tests can shorten.
 */
import type { Clock } from '../../core/clock.js';

export interface TokenOptions {
  clientId: string;
  clientSecret: string;
  /** Permanent tokens accepted as they are. */
  staticTokens: readonly string[];
  /** `expires_in` of granted tokens, seconds; default 86,399 (about 24 h, §1.1). */
  lifetimeS: number;
}

export class SimTokens {
  private readonly issued = new Map<string, number>();
  private seq = 0;
  /** Grants answered, for tests of refresh behaviour. */
  grants = 0;

  constructor(
    private readonly o: TokenOptions,
    private readonly clock: Clock,
  ) {}

  /** Answers the token endpoint for a form or JSON body. */
  grant(contentType: string | undefined, raw: string): { status: number; body: unknown } {
    const params = parseBody(contentType, raw);
    if (params.grant_type !== 'client_credentials') {
      return {
        status: 400,
        body: { error: 'unsupported_grant_type', error_description: 'grant_type must be client_credentials' },
      };
    }
    if (params.client_id !== this.o.clientId || params.client_secret !== this.o.clientSecret) {
      return {
        status: 400,
        body: { error: 'invalid_client', error_description: 'Client authentication failed.' },
      };
    }
    this.grants++;
    const token = `shpat_sim_${++this.seq}_${Math.random().toString(36).slice(2, 10)}`;
    this.issued.set(token, this.clock.now() + this.o.lifetimeS * 1000);
    return {
      status: 200,
      body: {
        access_token: token,
        scope: 'read_orders,write_orders,write_inventory',
        expires_in: this.o.lifetimeS,
      },
    };
  }

  valid(token: string | undefined): boolean {
    if (!token) return false;
    if (this.o.staticTokens.includes(token)) return true;
    const expires = this.issued.get(token);
    return expires !== undefined && this.clock.now() < expires;
  }

  /** Invalidates every granted token, as a rotated secret or an uninstall would. */
  revokeAll(): void {
    this.issued.clear();
  }
}

function parseBody(contentType: string | undefined, raw: string): Record<string, string | undefined> {
  if (contentType?.includes('application/json')) {
    try {
      const v = JSON.parse(raw) as unknown;
      return typeof v === 'object' && v !== null ? (v as Record<string, string>) : {};
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(raw));
}
