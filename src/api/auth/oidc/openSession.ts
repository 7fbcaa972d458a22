import type { Clock } from '../../../core/clock.js';
import { FerryError } from '../../../core/errors.js';
import type { Store } from '../../../store/index.js';
import type { SessionService } from '../sessionService.js';
import type { Decision, KnownUser, Refusal } from './identity.js';
import type { Finished } from './oidcSignIn.js';

/** Who made the changes sign-on makes to users (created, role from groups), in their audit entries. */
export const OIDC_ACTOR = 'oidc';

/** The user changed between the decision and the session: created or disabled meanwhile. */
const changed = (name: string): Refusal => ({
  reason: 'user_changed',
  name,
  message: `the Ferry user ${name} was created or changed while this sign-in went on: try again`,
});

/**
 * Applies a sign-on decision: the user's lookup, its creation or role change and their audit
 * entries in one transaction, then the session. Two first sign-ins of one name cannot both create
 * it: the second meets the first's user (the unique name) and is refused as `user_changed`, as is
 * a user disabled between the decision and the session; trying again then decides afresh.
 */
export async function openSession(
  d: { store: Store; clock: Clock; sessions: SessionService },
  decideFor: (user: KnownUser | undefined) => Decision,
  name: string,
  /** Whether `name` is an e-mail address: then the user is found by it in any case. */
  byEmail = false,
): Promise<Finished> {
  const now = d.clock.now();
  const lookup = byEmail ? { email: name } : { name };
  let outcome: { userId: number } | Refusal;
  try {
    outcome = await transact();
  } catch (e) {
    // Only the lost race is a refusal: a user of that name now exists that this decision did not see.
    if (await d.store.users.findUser(lookup)) return { ok: false, refusal: changed(name) };
    throw e;
  }
  if ('reason' in outcome) return { ok: false, refusal: outcome };
  try {
    return { ok: true, session: await d.sessions.signInUser(outcome.userId) };
  } catch (e) {
    if (e instanceof FerryError && e.code === 'unauthorized') return { ok: false, refusal: changed(name) };
    throw e;
  }

  function transact(): Promise<{ userId: number } | Refusal> {
    return d.store.transaction(async (tx): Promise<{ userId: number } | Refusal> => {
      const row = await tx.users.findUser(lookup);
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
  }
}
