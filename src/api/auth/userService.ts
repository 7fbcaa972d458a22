import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import { FerryError } from '../../core/errors.js';
import type { Store } from '../../store/index.js';
import type { UserRow } from '../../store/console/index.js';
import { withAudit } from '../../ops/audit/index.js';
import { isEmail } from './oidc/identity.js';
import { isRole, ROLES, type Role } from './roles.js';
import type { TokenInfo, TokenService } from './tokenService.js';

/** A user as listed: never a token value. */
export interface UserInfo {
  id: number;
  name: string;
  role: Role;
  createdAt: number;
  createdBy: string;
  disabled: boolean;
  activeTokens?: number;
}

/** How long a one-time sign-in link stays usable: long enough to open an e-mail, short to leak. */
export const LOGIN_LINK_TTL_MS = 15 * 60_000;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
/** Printable ASCII without space or quote-like characters that shells and pages treat specially. */
const EMAIL_NAME = /^[A-Za-z0-9][A-Za-z0-9._%+=@-]*$/;
const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/** The hash a sign-in link's secret is stored under. */
export const linkHash = sha256;

/** Named users: add, list, change role, mint tokens and one-time sign-in links; all audited. */
export class UserService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly tokens: TokenService,
  ) {}

  async add(input: { name: string; role: string }, actor: string): Promise<UserInfo> {
    // An e-mail address is a name too (sign-on matches users by it): `+` tags and long local
    // parts included.
    if (!NAME.test(input.name) && !(EMAIL_NAME.test(input.name) && isEmail(input.name)))
      throw new FerryError(
        'bad_request',
        `user name "${input.name}": letters, digits and . _ @ - only, at most 64, starting with a letter or digit, or an e-mail address`,
      );
    const role = checkRole(input.role);
    const now = this.clock.now();
    const row = await withAudit(
      this.store,
      { actor, action: 'user.add', targetKind: 'user', targetId: input.name },
      now,
      async (tx) => {
        if (await tx.users.findUser({ name: input.name }))
          throw new FerryError('conflict', `user ${input.name} already exists`);
        const u = await tx.users.insertUser({ name: input.name, role, actor, now });
        return { before: null, after: { id: u.id, role }, result: u };
      },
    );
    return info(row!);
  }

  /** Every user; with `changedSince` (epoch ms), only those whose row changed after it (polling). */
  async list(changedSince?: number): Promise<UserInfo[]> {
    const now = this.clock.now();
    const rows =
      changedSince === undefined
        ? await this.store.users.listUsers(now)
        : await this.store.users.changedUsers(changedSince, now);
    return rows.map((u) => ({
      ...info(u),
      activeTokens: u.activeTokens,
    }));
  }

  async get(ref: { id: number } | { name: string }): Promise<UserInfo> {
    const u = await this.store.users.findUser(ref);
    if (!u) throw new FerryError('not_found', `user ${'id' in ref ? ref.id : ref.name} does not exist`);
    return info(u);
  }

  /** Changes role and/or disables (ends every session and token use) or re-enables a user. */
  async update(id: number, change: { role?: string; disabled?: boolean }, actor: string): Promise<UserInfo> {
    const role = change.role === undefined ? undefined : checkRole(change.role);
    const now = this.clock.now();
    const current = await this.get({ id });
    const row = await withAudit(
      this.store,
      { actor, action: 'user.update', targetKind: 'user', targetId: current.name },
      now,
      async (tx) => {
        const u = await tx.users.updateUser(id, {
          ...(role ? { role } : {}),
          ...(change.disabled === undefined ? {} : { disabledAt: change.disabled ? now : null }),
        });
        return {
          before: { role: current.role, disabled: current.disabled },
          after: { role: u!.role, disabled: u!.disabledAt !== null },
          result: u!,
        };
      },
    );
    return info(row!);
  }

  /** A new API token for an existing user, with the user's role. */
  async token(
    name: string,
    actor: string,
    expiresInMs?: number,
  ): Promise<{ token: string; info: TokenInfo }> {
    const u = await this.get({ name });
    if (u.disabled) throw new FerryError('conflict', `user ${name} is disabled`);
    return this.tokens.create({ name, role: u.role, expiresInMs }, actor);
  }

  /**
   * A single-use sign-in link (`/console/login?link=…`) for a user, valid {@link LOGIN_LINK_TTL_MS}.
   * Only its hash is stored: the path returned is the one time the secret exists.
   */
  async link(name: string, actor: string): Promise<{ path: string; expiresAt: number; user: UserInfo }> {
    const u = await this.get({ name });
    if (u.disabled) throw new FerryError('conflict', `user ${name} is disabled`);
    const secret = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = now + LOGIN_LINK_TTL_MS;
    await withAudit(
      this.store,
      { actor, action: 'user.link', targetKind: 'user', targetId: name },
      now,
      async (tx) => {
        await tx.consoleSessions.insertLoginLink({
          linkHash: linkHash(secret),
          userId: u.id,
          actor,
          now,
          expiresAt,
        });
        return { before: null, after: { expiresAt }, result: true };
      },
    );
    return { path: `/console/login?link=${secret}`, expiresAt, user: u };
  }
}

function checkRole(role: string): Role {
  if (!isRole(role))
    throw new FerryError('bad_request', `role "${role}": expected one of ${ROLES.join(', ')}`);
  return role;
}

function info(u: UserRow): UserInfo {
  return {
    id: u.id,
    name: u.name,
    role: u.role as Role,
    createdAt: u.createdAt,
    createdBy: u.createdBy,
    disabled: u.disabledAt !== null,
  };
}
