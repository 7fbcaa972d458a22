import type { Clock } from '../../../core/clock.js';
import type { Store } from '../../../store/index.js';
import type { SessionService } from '../sessionService.js';
import type { Decision, KnownUser, Refusal } from './identity.js';
import type { Finished } from './oidcSignIn.js';

/** Who made the changes sign-on makes to users (created, role from groups), in their audit entries. */
export const OIDC_ACTOR = 'oidc';

/**
 * Applies a sign-on decision: the user's lookup, its creation or role change and their audit
 * entries in one transaction (two first sign-ins of one name cannot both create it), then the
 * session.
 */
export async function openSession(
  d: { store: Store; clock: Clock; sessions: SessionService },
  decideFor: (user: KnownUser | undefined) => Decision,
  name: string,
  /** Whether `name` is an e-mail address: then the user is found by it in any case. */
  byEmail = false,
): Promise<Finished> {
  const now = d.clock.now();
  const outcome = await d.store.transaction(async (tx): Promise<{ userId: number } | Refusal> => {
    const row = await tx.users.findUser(byEmail ? { email: name } : { name });
    const decision = decideFor(
      row ? { id: row.id, name: row.name, role: row.role, disabled: row.disabledAt !== null } : undefined,
    );
    if ('reason' in decision) return decision;
    const target = {
      actor: OIDC_ACTOR,
      targetKind: 'user',
      targetId: decision.kind === 'create' ? name : decision.user.name,
    };
    if (decision.kind === 'create') {
      const u = await tx.users.insertUser({ name, role: decision.role, actor: OIDC_ACTOR, now });
      await tx.audit.appendAudit({
        ...target,
        action: 'user.add',
        at: now,
        before: null,
        after: { id: u.id, role: decision.role },
      });
      return { userId: u.id };
    }
    if (decision.newRole) {
      await tx.users.updateUser(decision.user.id, { role: decision.newRole });
      await tx.audit.appendAudit({
        ...target,
        action: 'user.update',
        at: now,
        before: { role: decision.user.role },
        after: { role: decision.newRole },
      });
    }
    return { userId: decision.user.id };
  });
  if ('reason' in outcome) return { ok: false, refusal: outcome };
  return { ok: true, session: await d.sessions.signInUser(outcome.userId) };
}
