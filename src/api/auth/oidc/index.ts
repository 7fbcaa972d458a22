/** Console sign-on with an OpenID Connect provider. */
export { OidcSignIn, SIGN_IN_ACTION, SIGN_IN_REFUSED_ACTION } from './oidcSignIn.js';
export type { OidcOptions, Finished } from './oidcSignIn.js';
export { readFlow, writeFlow, clearFlow, FLOW_TTL_MS } from './flowCookie.js';
export type { Flow } from './flowCookie.js';
export { claimedName, decide, groupRole } from './identity.js';
export type { Claims, GrantedRole, IdentityRules, Refusal, RefusalReason } from './identity.js';
