/** How an OpenID Connect identity becomes a Ferry user name and role: pure, from the claims alone. */
import type { Role } from '../roles.js';

/** The claims of a verified ID token, with the provider's userinfo merged in. */
export type Claims = Readonly<Record<string, unknown>>;

/** Roles sign-on may give; admin is granted in Ferry only. */
export type GrantedRole = Exclude<Role, 'admin'>;

/** The rules of console.oidc that map an identity (see src/ops/config/oidc.ts). */
export interface IdentityRules {
  /** Claim whose value is the Ferry user name. */
  userClaim: string;
  /** With userClaim `email`: refuse unless the provider says `email_verified: true`. */
  requireVerifiedEmail: boolean;
  /** Role of a user created at first sign-in; undefined: no user is ever created. */
  autoCreateRole?: GrantedRole | undefined;
  /** Roles from a groups claim; the first entry whose group the identity holds wins. */
  groups?: { claim: string; roles: readonly { group: string; role: GrantedRole }[] } | undefined;
}

/** Why an identity may not sign in; `message` is what the person reads on the sign-in page. */
export type RefusalReason =
  | 'state_mismatch'
  | 'provider_refused'
  | 'verification_failed'
  | 'claim_missing'
  | 'email_unverified'
  | 'unknown_user'
  | 'user_disabled'
  | 'no_group_role'
  | 'user_changed'
  | 'unavailable';

/** A refused sign-in: the reason (stable, for the page and the audit) and the words for a person. */
export interface Refusal {
  reason: RefusalReason;
  message: string;
  /** The Ferry user name the identity claimed, when it got that far. */
  name?: string;
}

/** Ferry user names (userService.ts): an identity whose claim is not one cannot be a user. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

/**
 * An e-mail address as sign-on takes it: one '@' with something either side, at most 254
 * characters (RFC 5321), no space or control character. Anything else a provider vouches for
 * (`+` tags, long local parts) is its business.
 */
export function isEmail(value: string): boolean {
  const at = value.indexOf('@');
  return (
    value.length <= 254 &&
    at > 0 &&
    at === value.lastIndexOf('@') &&
    at < value.length - 1 &&
    !/[\s\p{Cc}]/u.test(value)
  );
}

/**
 * The Ferry user name an identity claims, or why it claims none. An e-mail claim is lower-cased:
 * its case means nothing, and users are matched by it in any case (findUser's `email`).
 */
export function claimedName(claims: Claims, rules: IdentityRules): { name: string } | Refusal {
  const value = claims[rules.userClaim];
  const email = rules.userClaim === 'email';
  if (typeof value !== 'string' || !(email ? isEmail(value) : NAME.test(value)))
    return {
      reason: 'claim_missing',
      message: `the provider sent no usable "${rules.userClaim}" claim to match a Ferry user by`,
    };
  const name = email ? value.toLowerCase() : value;
  // Some providers send the string "true": that and the boolean are a yes, anything else a no.
  const verified = claims.email_verified === true || claims.email_verified === 'true';
  if (email && rules.requireVerifiedEmail && !verified)
    return {
      reason: 'email_unverified',
      name,
      message: `the provider has not verified the e-mail address ${name}`,
    };
  return { name };
}

/**
 * The role the identity's groups give: the first configured entry it holds. Undefined when no
 * groups are configured; null when configured and none is held.
 */
export function groupRole(claims: Claims, rules: IdentityRules): GrantedRole | null | undefined {
  if (!rules.groups) return undefined;
  const raw = claims[rules.groups.claim];
  const held = new Set(
    Array.isArray(raw)
      ? raw.filter((g): g is string => typeof g === 'string')
      : typeof raw === 'string'
        ? [raw]
        : [],
  );
  return rules.groups.roles.find((r) => held.has(r.group))?.role ?? null;
}

/** The existing user as found by name, reduced to what the decision needs. */
export interface KnownUser {
  id: number;
  name: string;
  role: string;
  disabled: boolean;
}

/** What signing in does: open a session for a user, perhaps creating it or changing its role first. */
export type Decision =
  | { kind: 'existing'; user: KnownUser; newRole?: GrantedRole }
  | { kind: 'create'; name: string; role: GrantedRole }
  | Refusal;

/**
 * Decides the sign-in of `name` given the user of that name (or none): a disabled user is
 * refused; a missing one is created only with an auto-create role, and never as admin; the groups
 * mapping, when configured, sets every non-admin user's role and refuses an identity holding no
 * mapped group.
 */
export function decide(
  name: string,
  user: KnownUser | undefined,
  claims: Claims,
  rules: IdentityRules,
): Decision {
  const fromGroups = groupRole(claims, rules);
  const noGroup: Refusal = {
    reason: 'no_group_role',
    name,
    message: `none of your groups at the provider gives a Ferry role: ask an admin to add you to one`,
  };
  if (!user) {
    if (!rules.autoCreateRole)
      return {
        reason: 'unknown_user',
        name,
        message: `${name} is not a Ferry user: ask an admin to add you (ferry users add ${name} --role viewer)`,
      };
    if (fromGroups === null) return noGroup;
    return { kind: 'create', name, role: fromGroups ?? rules.autoCreateRole };
  }
  if (user.disabled) return { reason: 'user_disabled', name, message: `the Ferry user ${name} is disabled` };
  if (fromGroups === undefined || user.role === 'admin') return { kind: 'existing', user };
  if (fromGroups === null) return noGroup;
  return fromGroups === user.role
    ? { kind: 'existing', user }
    : { kind: 'existing', user, newRole: fromGroups };
}
