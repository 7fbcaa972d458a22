import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock, describeStores } from '../../test-helpers/stores.js';
import type { Store } from '../../store/index.js';
import { adminServices } from '../admin/plugin.js';
import type { AdminServices } from '../admin/context.js';

describeStores('user names', (fx) => {
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

  it('take an e-mail address as sign-on matches it: + tags and local parts over 64 characters', async () => {
    for (const name of ['ada+ops@example.com', `${'a'.repeat(70)}@example.com`])
      expect((await s.users.add({ name, role: 'viewer' }, 'test')).name).toBe(name);
    for (const name of ['a b@example.com', `${'a'.repeat(243)}@example.com`, '+ada@example.com'])
      await expect(s.users.add({ name, role: 'viewer' }, 'test'), name).rejects.toThrow(/user name/);
  });
});
