import {
  FINANCE_IMPACT,
  FINANCE_MAPPING_KINDS,
  OPS_MAPPING_KINDS,
  Permission as P,
  can,
  type Role,
} from './roles.js';

/**
 * Why a role may not change mappings of `kind`, or null when it may: the rule the mapping routes,
 * the CSV import and the four-eyes approver all apply, so none of them can be used around another.
 */
export function mappingRefusal(role: Role, kind: string): string | null {
  if (can(role, P.mappingsWrite)) return null;
  const kinds = [
    ...(can(role, P.mappingsWriteFinance) ? FINANCE_MAPPING_KINDS : []),
    ...(can(role, P.mappingsWriteOps) ? OPS_MAPPING_KINDS : []),
  ];
  if (kinds.includes(kind)) return null;
  return kinds.length
    ? `role ${role} may not change ${kind} mappings (only ${kinds.join(', ')})`
    : `role ${role} may not change mappings`;
}

/** Why a role may not act on an exception of this impact, or null when it may. */
export function exceptionRefusal(role: Role, impact: string): string | null {
  if (can(role, P.exceptionsAct)) return null;
  if (can(role, P.exceptionsActFinance) && impact === FINANCE_IMPACT) return null;
  return can(role, P.exceptionsActFinance)
    ? `role ${role} may act only on finance exceptions`
    : `role ${role} may not act on exceptions`;
}
