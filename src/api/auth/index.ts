/** API tokens, roles and the per-route permission check of the admin API. */
export { TokenService } from './tokenService.js';
export type { Principal, TokenInfo } from './tokenService.js';
export {
  Role,
  ROLES,
  Permission,
  can,
  isRole,
  permissionsOf,
  FINANCE_IMPACT,
  FINANCE_MAPPING_KINDS,
  OPS_MAPPING_KINDS,
} from './roles.js';
export { UserService, LOGIN_LINK_TTL_MS } from './userService.js';
export type { UserInfo } from './userService.js';
export { SessionService, SESSION_IDLE_MS, SESSION_MAX_MS } from './sessionService.js';
export type { NewSession, ActiveSession } from './sessionService.js';
export { SESSION_COOKIE, readCookie, writeSessionCookie } from './cookie.js';
export { requireAuth, principalOf, holds } from './hook.js';
export { mappingRefusal, exceptionRefusal } from './mayChange.js';
export {
  OidcSignIn,
  SIGN_IN_ACTION,
  SIGN_IN_REFUSED_ACTION,
  readFlow,
  writeFlow,
  clearFlow,
} from './oidc/index.js';
export type { OidcOptions, Refusal, RefusalReason } from './oidc/index.js';
