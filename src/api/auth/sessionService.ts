import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import { FerryError } from '../../core/errors.js';
import type { Store } from '../../store/index.js';
import { isRole, type Role } from './roles.js';
import type { Principal, TokenService } from './tokenService.js';
import { linkHash } from './userService.js';

/** A session ends after this long without a request (a console left open polls, so it stays alive). */
export const SESSION_IDLE_MS = 8 * 3_600_000;
/** …and at the latest this long after sign-in, whatever the activity. */
export const SESSION_MAX_MS = 24 * 3_600_000;

/** What signing in yields: the cookie value (shown once), the CSRF token and who signed in. */
export interface NewSession {
  cookie: string;
  csrfToken: string;
  expiresAt: number;
  principal: Principal;
}

/** A request's console session: who, and the CSRF token its changes must carry. */
export interface ActiveSession {
  principal: Principal;
  csrfToken: string;
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
const COOKIE_VALUE = /^[A-Za-z0-9_-]{43}$/;

/** Whether two CSRF tokens are the same, in constant time. */
export function sameCsrf(a: string | undefined, b: string): boolean {
  if (!a || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/**
 * Console sessions: a token or a one-time link is exchanged for a random cookie value (stored only
 * as its SHA-256) and a CSRF token. A session ends on sign-out, after {@link SESSION_IDLE_MS} idle
 * or {@link SESSION_MAX_MS} in all, when its user is disabled, or when the token it came from is revoked.
 */
export class SessionService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly tokens: TokenService,
  ) {}

  /** Signs in with an API token; the token must belong to a user. */
  async signIn(token: string): Promise<NewSession> {
    const p = await this.tokens.authenticate(token);
    if (p.userId === null)
      throw new FerryError('unauthorized', 'this token belongs to no user; create one with ferry users add');
    return this.open(p.userId, p.tokenId, p.userName, p.role);
  }

  /** Signs in with a one-time link's secret; a used or expired link is refused. */
  async signInWithLink(secret: string): Promise<NewSession> {
    const refuse = (): FerryError =>
      new FerryError('unauthorized', 'this sign-in link was used already or has expired');
    if (!COOKIE_VALUE.test(secret)) throw refuse();
    const now = this.clock.now();
    const userId = await this.store.consoleSessions.consumeLoginLink(linkHash(secret), now);
    if (userId === null) throw refuse();
    const u = await this.store.users.findUser({ id: userId });
    if (!u || u.disabledAt !== null || !isRole(u.role)) throw refuse();
    return this.open(u.id, null, u.name, u.role);
  }

  /**
   * Signs in a user another party vouched for (single sign-on, after its checks); a user missing,
   * disabled or without a known role is refused.
   */
  async signInUser(userId: number): Promise<NewSession> {
    const u = await this.store.users.findUser({ id: userId });
    if (!u || u.disabledAt !== null || !isRole(u.role))
      throw new FerryError('unauthorized', 'this user may not sign in');
    return this.open(u.id, null, u.name, u.role);
  }

  /** The session a cookie value stands for, or null when it is unknown or ended. */
  async resume(cookie: string): Promise<ActiveSession | null> {
    if (!COOKIE_VALUE.test(cookie)) return null;
    const now = this.clock.now();
    const idHash = sha256(cookie);
    const s = await this.store.consoleSessions.findSession(idHash, now);
    if (!s || !isRole(s.userRole)) return null;
    await this.store.consoleSessions.touchSession(idHash, {
      now,
      expiresAt: Math.min(now + SESSION_IDLE_MS, s.createdAt + SESSION_MAX_MS),
    });
    return {
      csrfToken: s.csrfToken,
      principal: {
        tokenId: null,
        name: s.userName,
        role: s.userRole,
        actor: `user:${s.userName}`,
        userId: s.userId,
        userName: s.userName,
      },
    };
  }

  /** Ends the session of this cookie value; false when there was none. */
  signOut(cookie: string): Promise<boolean> {
    if (!COOKIE_VALUE.test(cookie)) return Promise.resolve(false);
    return this.store.consoleSessions.revokeSession(sha256(cookie), this.clock.now());
  }

  private async open(userId: number, tokenId: number | null, name: string, role: Role): Promise<NewSession> {
    const cookie = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = now + SESSION_IDLE_MS;
    await this.store.consoleSessions.insertSession({
      idHash: sha256(cookie),
      userId,
      tokenId,
      csrfToken,
      now,
      expiresAt,
    });
    return {
      cookie,
      csrfToken,
      expiresAt,
      principal: { tokenId: null, name, role, actor: `user:${name}`, userId, userName: name },
    };
  }
}
