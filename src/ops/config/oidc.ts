/** Single sign-on to the console with an OpenID Connect provider (issue 18). */
import { z } from 'zod';
import { SecretRef } from './fields.js';

/** Roles an identity may be given from the provider's side: admin is granted in Ferry only. */
const GrantedRole = z.enum(['viewer', 'operator', 'finance'], {
  error: 'expected viewer, operator or finance (admin is granted with ferry users, never by sign-on)',
});

/** The path Ferry serves the provider's answer on; the redirect URL must end there. */
export const OIDC_CALLBACK_PATH = '/console/auth/oidc/callback';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * An https URL, or http on this machine only (a provider in a test, a proxy on localhost): codes
 * and ID tokens must not cross a network in clear.
 */
const SecureUrl = z.url({ protocol: /^https?$/, error: 'expected an https:// URL' }).refine((u) => {
  const url = new URL(u);
  return url.protocol === 'https:' || LOOPBACK.has(url.hostname);
}, 'must be https:// (http:// only for localhost)');

/** A claim name: `email`, `sub`, `preferred_username`, `groups` … */
const Claim = z.string().regex(/^[A-Za-z0-9_.:/-]{1,100}$/, 'a claim name such as email or sub');

export const OidcSignOn = z.strictObject({
  /** Shown on the sign-in page: "Sign in with <name>". */
  name: z.string().min(1).max(40).default('single sign-on'),
  /** The provider's issuer identifier; its `/.well-known/openid-configuration` is read from there. */
  issuerUrl: SecureUrl,
  clientId: z.string().min(1),
  /** Omitted for a public client (PKCE alone); else sent with client_secret_basic. */
  clientSecret: SecretRef.optional(),
  /** Ferry's callback as the provider reaches it: `https://ferry.example.com/console/auth/oidc/callback`. */
  redirectUrl: SecureUrl.refine(
    (u) => new URL(u).pathname === OIDC_CALLBACK_PATH && new URL(u).search === '',
    `must end with ${OIDC_CALLBACK_PATH} and carry no query`,
  ),
  scopes: z
    .array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, 'one scope, no spaces'))
    .default(['openid', 'email', 'profile'])
    .refine((s) => s.includes('openid'), 'must include openid'),
  /**
   * The claim whose value is the Ferry user name the identity signs in as. With `email`, the
   * provider must also say `email_verified: true` unless `requireVerifiedEmail` is false.
   */
  userClaim: Claim.default('email'),
  requireVerifiedEmail: z.boolean().default(true),
  /**
   * A user that does not exist yet is created with this role at first sign-in (or with its
   * groups' role). Off when omitted: only users added with `ferry users add` sign in. Never admin.
   */
  autoCreateRole: GrantedRole.optional(),
  /**
   * Roles from the provider's groups: the first entry whose group the identity holds gives its
   * role, at every sign-in. An identity holding none is refused. Admin users are left as they are.
   */
  groups: z
    .strictObject({
      claim: Claim.default('groups'),
      roles: z.array(z.strictObject({ group: z.string().min(1), role: GrantedRole })).min(1),
    })
    .optional(),
  /** Longest wait for one call to the provider (discovery, token, userinfo), ms. */
  timeoutMs: z.number().int().min(100).max(60_000).default(10_000),
});

/** The console's settings. */
export const ConsoleSettings = z.strictObject({
  /** Sign-on with an OpenID Connect provider beside token sign-in; off when omitted. */
  oidc: OidcSignOn.optional(),
});

export type OidcSignOn = z.infer<typeof OidcSignOn>;
