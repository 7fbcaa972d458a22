import { describe, expect, it } from 'vitest';
import { shortcutTargets } from './shortcuts.js';

describe('the console’s g shortcuts', () => {
  it('go to Users and Audit log only for roles that may list them', () => {
    const viewer = shortcutTargets({ listUsers: false, readAudit: false });
    expect(viewer.u).toBeUndefined();
    expect(viewer.l).toBeUndefined();
    expect(viewer.e).toBe('/exceptions');
    const admin = shortcutTargets({ listUsers: true, readAudit: true });
    expect([admin.u, admin.l]).toEqual(['/users', '/audit']);
  });
});
