/**
 * Roles and what they may do. Every admin route names the permission it needs; a route that names
 * none is refused to everyone, so a forgotten declaration fails closed.
 */
export const Role = { viewer: 'viewer', operator: 'operator', finance: 'finance', admin: 'admin' } as const;
export type Role = (typeof Role)[keyof typeof Role];
export const ROLES = Object.values(Role) as [Role, ...Role[]];

export const Permission = {
  /** See orders, queues, exceptions, partners, inbox, mappings, settings. */
  read: 'read',
  /** Replay, edit-and-replay, skip any exception. */
  exceptionsAct: 'exceptions.act',
  /** The same, limited to exceptions whose impact is finance. */
  exceptionsActFinance: 'exceptions.act.finance',
  /** Pause and resume lanes. */
  lanesAct: 'lanes.act',
  /** Run a partner's connection test (a real call to the partner, audited). */
  partnersTest: 'partners.test',
  /** Turn shadow mode on and off per flow and channel. */
  shadowWrite: 'shadow.write',
  /** Change any mapping or rule. */
  mappingsWrite: 'mappings.write',
  /** Change tax mappings only. */
  mappingsWriteFinance: 'mappings.write.finance',
  /**
   * Change SKU and carrier mappings only: order management fixes an order stuck on an unknown
   * SKU itself (DESIGN §1), warehouse operations a carrier; taxes stay with finance.
   */
  mappingsWriteOps: 'mappings.write.ops',
  auditRead: 'audit.read',
  tokensManage: 'tokens.manage',
  secretsManage: 'secrets.manage',
  /** Add users, change their roles, mint their tokens and sign-in links. */
  usersManage: 'users.manage',
  /**
   * See personal data (names, addresses, e-mails, phones) in payloads and timelines. Operators
   * correct addresses and contact customers about stuck orders, finance needs billing names and
   * addresses for invoices and refunds; a viewer watches flow health and needs none of it, so a
   * viewer's answers carry `[redacted]` in their place.
   */
  personalRead: 'personal.read',
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];

const P = Permission;
const GRANTS: Record<Role, readonly Permission[]> = {
  viewer: [P.read],
  operator: [
    P.read,
    P.exceptionsAct,
    P.exceptionsActFinance,
    P.lanesAct,
    P.partnersTest,
    P.shadowWrite,
    P.personalRead,
    P.mappingsWriteOps,
  ],
  finance: [P.read, P.auditRead, P.exceptionsActFinance, P.mappingsWriteFinance, P.personalRead],
  admin: Object.values(P),
};

export function isRole(s: string): s is Role {
  return (ROLES as string[]).includes(s);
}

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

/** Every permission a role holds (the console hides what the server would refuse). */
export function permissionsOf(role: Role): Permission[] {
  return [...GRANTS[role]];
}

/** Mapping kinds finance may change on its own: the ones that decide money. */
export const FINANCE_MAPPING_KINDS: readonly string[] = ['tax'];
/** Mapping kinds operators may change: the ones that unblock orders and shipments. */
export const OPS_MAPPING_KINDS: readonly string[] = ['sku', 'carrier'];
/** Exception impact finance may act on. */
export const FINANCE_IMPACT = 'finance';
