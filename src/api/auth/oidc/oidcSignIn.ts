import type * as Client from 'openid-client';
import type { Clock } from '../../../core/clock.js';
import type { Store } from '../../../store/index.js';
import type { NewSession, SessionService } from '../sessionService.js';
import { sameCsrf } from '../sessionService.js';
import type { Flow } from './flowCookie.js';
import { claimedName, decide, type Claims, type IdentityRules, type Refusal } from './identity.js';
import { openSession } from './openSession.js';

/** console.oidc, compiled, with the client secret resolved. */
export interface OidcOptions extends IdentityRules {
  /** Shown as "Sign in with <name>". */
  name: string;
  issuerUrl: string;
  clientId: string;
  /** Undefined for a public client (PKCE alone). */
  clientSecret: string | undefined;
  /** Ferry's callback as the provider reaches it. */
  redirectUrl: string;
  scopes: readonly string[];
  /** Longest wait for one call to the provider, ms. */
  timeoutMs: number;
}

/** The outcome of the provider's redirect back: a session, or why not. */
export type Finished = { ok: true; session: NewSession } | { ok: false; refusal: Refusal };

let loaded: Promise<typeof Client> | undefined;
/**
 * openid-client, loaded on the first sign-on: a process without console.oidc (a worker, the CLI)
 * never pays its import (about 130 ms cold, measured on Node 20 here).
 */
const lib = (): Promise<typeof Client> => (loaded ??= import('openid-client'));

/** The action names of sign-on's audit entries. */
export const SIGN_IN_ACTION = 'session.sign-in';
export const SIGN_IN_REFUSED_ACTION = 'session.sign-in-refused';

/** While the provider is down, /start audits that at most once in this long. */
export const UNAVAILABLE_AUDIT_MS = 60_000;

/**
 * Console sign-on with an OpenID Connect provider, by openid-client: authorization code with
 * PKCE (S256), state and nonce. The provider's metadata is discovered on first use and kept; a
 * failed discovery is tried again on the next sign-in rather than stopping Ferry's start-up, since
 * token sign-in must go on working while the provider is down.
 */
export class OidcSignIn {
  #config: Promise<Client.Configuration> | undefined;
  /** When the provider's being down was last audited (epoch ms): at most once a minute. */
  #unavailableAuditedAt: number | undefined;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly sessions: SessionService,
    readonly options: OidcOptions,
  ) {}

  /** Whether Ferry is reached over https (then the flow cookie is `__Host-` and Secure). */
  get secure(): boolean {
    return new URL(this.options.redirectUrl).protocol === 'https:';
  }

  /** The provider's authorization URL for a new flow, and the flow the browser keeps. */
  async start(): Promise<{ url: string; flow: Flow } | { refusal: Refusal }> {
    const client = await lib();
    let config: Client.Configuration;
    try {
      config = await this.configuration();
    } catch (e) {
      const refusal = unavailable(e);
      // Anyone may call /start: while the provider is down, one entry a minute says so rather
      // than one per request.
      const now = this.clock.now();
      if (
        this.#unavailableAuditedAt === undefined ||
        now - this.#unavailableAuditedAt >= UNAVAILABLE_AUDIT_MS
      ) {
        this.#unavailableAuditedAt = now;
        await this.audit(refusal);
      }
      return { refusal };
    }
    const flow: Flow = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
    };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.options.redirectUrl,
      scope: this.options.scopes.join(' '),
      response_type: 'code',
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(flow.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, flow };
  }

  /**
   * Checks the provider's redirect back (`query`: its query string) against the flow this browser
   * started, exchanges the code, verifies the ID token (signature, issuer, audience, expiry,
   * nonce), maps the identity to a Ferry user and opens a session. Every outcome is audited
   * except a redirect without a flow cookie (no sign-in was started by this browser: anyone may
   * send those, and each would be an entry); no code, token or secret is part of any entry.
   */
  async finish(query: string, flow: Flow | undefined): Promise<Finished> {
    const refused = async (refusal: Refusal): Promise<Finished> => {
      await this.audit(refusal);
      return { ok: false, refusal };
    };
    const returned = new URLSearchParams(query).get('state') ?? undefined;
    // Checked here before any call to the provider: a redirect this browser did not start (a
    // forged link, an old tab, another browser's flow) goes no further.
    const mismatch: Refusal = {
      reason: 'state_mismatch',
      message: 'this sign-in was not started in this browser, or took longer than 10 minutes',
    };
    if (!flow) return { ok: false, refusal: mismatch };
    if (!sameCsrf(returned, flow.state)) return refused(mismatch);
    const client = await lib();
    let claims: Claims;
    try {
      claims = await this.verifiedClaims(client, query, flow);
    } catch (e) {
      return refused(classify(client, e));
    }
    const named = claimedName(claims, this.options);
    if ('reason' in named) return refused(named);
    const opened = await openSession(
      { store: this.store, clock: this.clock, sessions: this.sessions },
      (user) => decide(named.name, user, claims, this.options),
      named.name,
      this.options.userClaim === 'email',
    );
    if (!opened.ok) return refused(opened.refusal);
    // The user's name as Ferry keeps it (an e-mail claim matches it in any case).
    const signedIn = opened.session.principal.name;
    await this.store.audit.appendAudit({
      at: this.clock.now(),
      actor: `user:${signedIn}`,
      action: SIGN_IN_ACTION,
      targetKind: 'user',
      targetId: signedIn,
      after: { method: 'oidc', provider: this.options.name, role: opened.session.principal.role },
    });
    return opened;
  }

  private async verifiedClaims(client: typeof Client, query: string, flow: Flow): Promise<Claims> {
    const config = await this.configuration();
    const current = new URL(this.options.redirectUrl);
    current.search = query;
    const tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: flow.codeVerifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims()!;
    const wanted = [this.options.userClaim, ...(this.options.groups ? [this.options.groups.claim] : [])];
    // Providers that follow OpenID Connect Core §5.4 put scope claims (email, groups) in userinfo
    // rather than in the ID token when an access token is issued (oidc-provider does by default).
    if (wanted.every((c) => c in idClaims) || !config.serverMetadata().userinfo_endpoint) return idClaims;
    const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
    return { ...info, ...idClaims };
  }

  private configuration(): Promise<Client.Configuration> {
    const o = this.options;
    this.#config ??= lib()
      .then((client) =>
        client.discovery(
          new URL(o.issuerUrl),
          o.clientId,
          o.clientSecret,
          o.clientSecret === undefined ? client.None() : client.ClientSecretBasic(o.clientSecret),
          {
            timeout: Math.ceil(o.timeoutMs / 1000),
            // The configuration admits http only for localhost (src/ops/config/oidc.ts).
            ...(new URL(o.issuerUrl).protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : {}),
          },
        ),
      )
      .catch((e: unknown) => {
        this.#config = undefined;
        throw e;
      });
    return this.#config;
  }

  private audit(r: Refusal): Promise<void> {
    return this.store.audit.appendAudit({
      at: this.clock.now(),
      actor: r.name ? `oidc:${r.name}` : 'oidc',
      action: SIGN_IN_REFUSED_ACTION,
      targetKind: 'user',
      targetId: r.name ?? '',
      after: { method: 'oidc', provider: this.options.name, reason: r.reason, message: r.message },
    });
  }
}

function unavailable(e: unknown): Refusal {
  return {
    reason: 'unavailable',
    message: `the sign-on provider could not be reached: ${(e as Error).message}`,
  };
}

/** The library's error as a refusal; its messages name the check that failed, never a token. */
function classify(client: typeof Client, e: unknown): Refusal {
  if (e instanceof client.AuthorizationResponseError)
    return { reason: 'provider_refused', message: `the provider refused the sign-in: ${e.error}` };
  if (e instanceof client.ResponseBodyError)
    return { reason: 'verification_failed', message: `the provider refused the code: ${e.error}` };
  const code = (e as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('OAUTH_') || code === 'OAUTH_TIMEOUT')
    return unavailable(e);
  // openid-client's message is the class of check ("unexpected JWT claim value encountered"); its
  // cause's says which one ('unexpected ID Token "nonce" claim value').
  const cause = (e as Error).cause;
  const detail = cause instanceof Error && cause.message !== (e as Error).message ? `: ${cause.message}` : '';
  return {
    reason: 'verification_failed',
    message: `the provider's answer failed a check: ${(e as Error).message}${detail}`,
  };
}
