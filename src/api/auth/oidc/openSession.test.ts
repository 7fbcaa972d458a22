import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock, describeStores } from '../../../test-helpers/stores.js';
import type { Store } from '../../../store/index.js';
import { adminServices } from '../../admin/plugin.js';
import type { AdminServices } from '../../admin/context.js';
import { openSession } from './openSession.js';

describeStores('opening a sign-on session when the user changes meanwhile', (fx) => {
  let store: Store;
  let s: AdminServices;
  const clock = new ManualClock();

  beforeAll(async () => {
    store = await fx().open({ clock });
    s = adminServices({ store, clock, laneNames: ['intake'] });
  });
  afterAll(async () => {
    await store.close();
  });

  const d = () => ({ store, clock, sessions: s.sessions });

  it('refuses, as user_changed, the sign-in that lost the race to create the same new user', async () => {
    // The winner created the user after the loser decided to create it: the loser's insert meets
    // the unique name.
    await s.users.add({ name: 'racer@example.com', role: 'viewer' }, 'test');
    const lost = await openSession(
      d(),
      () => ({ kind: 'create', name: 'racer@example.com', role: 'viewer' }),
      'racer@example.com',
      true,
    );
    expect(lost).toMatchObject({ ok: false, refusal: { reason: 'user_changed', name: 'racer@example.com' } });
    expect((await s.users.list()).filter((u) => u.name === 'racer@example.com')).toHaveLength(1);
    expect(
      (await store.audit.listAudit({ action: 'user.add', limit: 50 })).map((a) => a.actor),
    ).not.toContain('oidc');
  });

  it('refuses, as user_changed, a user disabled between the decision and the session', async () => {
    const u = await s.users.add({ name: 'leaver@example.com', role: 'operator' }, 'test');
    await s.users.update(u.id, { disabled: true }, 'test');
    const decidedBefore = { id: u.id, name: u.name, role: 'operator', disabled: false };
    const r = await openSession(d(), () => ({ kind: 'existing', user: decidedBefore }), u.name, true);
    expect(r).toMatchObject({ ok: false, refusal: { reason: 'user_changed' } });
  });
});
