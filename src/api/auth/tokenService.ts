import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import { FerryError } from '../../core/errors.js';
import type { Store } from '../../store/index.js';
import type { TokenRow } from '../../store/admin/index.js';
import { withAudit } from '../../ops/audit/index.js';
import { isRole, ROLES, type Role } from './roles.js';

/** Who made a request: the user (its role decides), and the token or console session used. */
export interface Principal {
  /** The token used; null for a console session. */
  tokenId: number | null;
  /** The token's name, or the user's for a console session. */
  name: string;
  role: Role;
  /** How the audit trail names this principal: `token:<name>`, or `user:<name>` for a console session. */
  actor: string;
  /** The user acting; null only for a migrated token no user could be made for (migration 0009). */
  userId: number | null;
  userName: string;
}

/** A token as listed: never its value or hash. */
export interface TokenInfo {
  id: number;
  name: string;
  role: Role;
  prefix: string;
  createdAt: number;
  createdBy: string;
  expiresAt: number | null;
  revokedAt: number | null;
  lastUsedAt: number | null;
  userId: number | null;
  status: 'active' | 'expired' | 'revoked';
}

// 32 random bytes: guessing is out of reach, so a fast hash (not a password KDF) is enough to
// keep a stolen table from being usable.
const hash = (token: string): string => createHash('sha256').update(token).digest('hex');
const TOKEN = /^fy_[A-Za-z0-9_-]{43}$/;

/** API tokens: shown once at creation, stored hashed, with expiry and revocation. */
export class TokenService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /**
   * Creates a token for the user of that name, adding the user (with this role) when there is
   * none; a token always carries its user's role. The returned `token` is the only time its value
   * exists outside the caller.
   */
  async create(
    input: { name: string; role: string; expiresInMs?: number | undefined },
    actor: string,
  ): Promise<{ token: string; info: TokenInfo }> {
    if (!isRole(input.role))
      throw new FerryError('bad_request', `role "${input.role}": expected one of ${ROLES.join(', ')}`);
    if (!input.name.trim()) throw new FerryError('bad_request', 'a token needs a name');
    const token = `fy_${randomBytes(32).toString('base64url')}`;
    const now = this.clock.now();
    const role = input.role;
    const row = await withAudit(
      this.store,
      { actor, action: 'token.create', targetKind: 'token', targetId: input.name },
      now,
      async (tx) => {
        let user = await tx.users.findUser({ name: input.name });
        if (user && user.role !== role)
          throw new FerryError(
            'conflict',
            `user ${user.name} is ${user.role}; its tokens carry that role (change the user's role, or name another user)`,
          );
        if (user?.disabledAt != null) throw new FerryError('conflict', `user ${user.name} is disabled`);
        user ??= await tx.users.insertUser({ name: input.name, role, actor, now });
        const r = await tx.tokens.insertToken({
          name: input.name,
          role,
          tokenHash: hash(token),
          prefix: token.slice(0, 8),
          createdAt: now,
          createdBy: actor,
          expiresAt: input.expiresInMs === undefined ? null : now + input.expiresInMs,
          userId: user.id,
        });
        return {
          before: null,
          after: { id: r.id, role: r.role, expiresAt: r.expiresAt, userId: user.id },
          result: r,
        };
      },
    );
    return { token, info: this.info(row!) };
  }

  async list(): Promise<TokenInfo[]> {
    return (await this.store.tokens.listTokens()).map((r) => this.info(r));
  }

  async revoke(id: number, actor: string): Promise<void> {
    const now = this.clock.now();
    const existing = await this.store.tokens.getToken(id);
    if (!existing) throw new FerryError('not_found', `token ${id} does not exist`);
    const done = await withAudit(
      this.store,
      { actor, action: 'token.revoke', targetKind: 'token', targetId: existing.name },
      now,
      async (tx) =>
        (await tx.tokens.revokeToken(id, actor, now))
          ? {
              before: { id, status: this.info(existing).status },
              after: { id, status: 'revoked' },
              result: true,
            }
          : null,
    );
    if (!done) throw new FerryError('conflict', `token ${id} is already revoked`);
  }

  /** The principal a bearer token stands for; one refusal message whatever the reason, to tell nothing. */
  async authenticate(token: string | undefined): Promise<Principal> {
    const refuse = (): FerryError =>
      new FerryError('unauthorized', 'a valid, unexpired API token is required');
    if (!token || !TOKEN.test(token)) throw refuse();
    const h = hash(token);
    const row = await this.store.users.findTokenPrincipal(h);
    if (!row || !timingSafeEqual(Buffer.from(row.tokenHash), Buffer.from(h))) throw refuse();
    const now = this.clock.now();
    if (row.revokedAt !== null || (row.expiresAt !== null && row.expiresAt <= now)) throw refuse();
    if (row.userDisabledAt !== null) throw refuse();
    // The user's role decides (a role change reaches every token); an orphan token keeps its own.
    const role = row.userRole ?? row.tokenRole;
    if (!isRole(role)) throw refuse();
    await this.store.tokens.touchToken(row.tokenId, now);
    return {
      tokenId: row.tokenId,
      name: row.tokenName,
      role,
      actor: `token:${row.tokenName}`,
      userId: row.userId,
      userName: row.userName ?? row.tokenName,
    };
  }

  private info(r: TokenRow): TokenInfo {
    const now = this.clock.now();
    const status =
      r.revokedAt !== null ? 'revoked' : r.expiresAt !== null && r.expiresAt <= now ? 'expired' : 'active';
    return {
      id: r.id,
      name: r.name,
      role: r.role as Role,
      prefix: r.prefix,
      createdAt: r.createdAt,
      createdBy: r.createdBy,
      expiresAt: r.expiresAt,
      revokedAt: r.revokedAt,
      lastUsedAt: r.lastUsedAt,
      userId: r.userId,
      status,
    };
  }
}
