/** API tokens, roles and the per-route permission check of the admin API. */
export { TokenService } from './tokenService.js';
export type { Principal, TokenInfo } from './tokenService.js';
export { Role, ROLES, Permission, can, isRole, FINANCE_IMPACT, FINANCE_MAPPING_KINDS } from './roles.js';
export { requireAuth, principalOf, holds } from './hook.js';
