/**
 * A real OpenID Connect provider (panva's oidc-provider, the certified implementation) on a
 * loopback port, with its development login and consent pages, and a browser stand-in that walks
 * them over HTTP: redirects followed by hand, cookies kept per provider, forms submitted as a
 * person would.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** What the provider says about one account: its claims besides `sub` (the login name). */
export type AccountClaims = Record<string, unknown>;

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Every token endpoint request the provider answered (to show a refused sign-in spent no code). */
  tokenRequests: () => number;
  close(): Promise<void>;
}

/** Starts the provider on 127.0.0.1, port 0, with one confidential client for `redirectUrl`. */
export async function startProvider(
  redirectUrl: string,
  accounts: Record<string, AccountClaims>,
): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientSecret = 'provider-side-client-secret-0123456789';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'ferry',
        client_secret: clientSecret,
        redirect_uris: [redirectUrl],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    cookies: { keys: ['test-cookie-key-not-a-secret'] },
    // Lifetimes set, seconds, so the provider does not print a notice per artifact.
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 600,
      IdToken: 600,
      Interaction: 600,
      Session: 600,
    },
    findAccount: (_ctx, id) => {
      const claims = accounts[id];
      return claims ? { accountId: id, claims: () => ({ sub: id, ...claims }) } : undefined;
    },
  });
  let tokenRequests = 0;
  provider.on('grant.success', () => void tokenRequests++);
  provider.on('grant.error', () => void tokenRequests++);
  const handle = provider.callback();
  server.on('request', (req, res) => void handle(req, res));
  return {
    issuer,
    clientId: 'ferry',
    clientSecret,
    tokenRequests: () => tokenRequests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A cookie jar for one site: name → value, dropped when the site expires it. */
class Jar {
  readonly #cookies = new Map<string, string>();
  take(setCookies: string[]): void {
    for (const c of setCookies) {
      const [pair, ...attrs] = c.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const gone = attrs.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
      if (gone) this.#cookies.delete(name);
      else this.#cookies.set(name, pair!.slice(eq + 1).trim());
    }
  }
  header(): string {
    return [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/**
 * Walks the provider from its authorization URL to the redirect back to Ferry, signing in as
 * `login` on the login page and accepting the consent page (or, with `cancel`, pressing Cancel). Returns the URL the provider sent
 * the browser to (Ferry's callback with `code` and `state`, or `error`).
 */
export async function signInAtProvider(
  authorizationUrl: string,
  login: string,
  o: { cancel?: boolean } = {},
): Promise<URL> {
  const jar = new Jar();
  let url = new URL(authorizationUrl);
  const origin = url.origin;
  let init: RequestInit = { method: 'GET' };
  for (let step = 0; step < 12; step++) {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: jar.header() },
    });
    jar.take(res.headers.getSetCookie());
    const location = res.headers.get('location');
    if (location) {
      url = new URL(location, url);
      if (url.origin !== origin) return url;
      init = { method: 'GET' };
      continue;
    }
    const html = await res.text();
    if (res.status !== 200) throw new Error(`provider answered ${res.status}: ${html.slice(0, 300)}`);
    const cancel = /<a href="([^"]+)">\[ Cancel \]<\/a>/.exec(html)?.[1];
    if (o.cancel && cancel) {
      url = new URL(cancel.replaceAll('&amp;', '&'), url);
      init = { method: 'GET' };
      continue;
    }
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`no form on the provider's page: ${html.slice(0, 300)}`);
    const form = new URLSearchParams({ prompt });
    if (prompt === 'login') {
      form.set('login', login);
      form.set('password', 'any');
    }
    url = new URL(action.replaceAll('&amp;', '&'), url);
    init = {
      method: 'POST',
      body: form.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    };
  }
  throw new Error('the provider did not send the browser back within 12 steps');
}
