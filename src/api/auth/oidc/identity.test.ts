import { describe, expect, it } from 'vitest';
import { claimedName, decide, type IdentityRules } from './identity.js';

const rules: IdentityRules = { userClaim: 'email', requireVerifiedEmail: true };
const groups: IdentityRules['groups'] = {
  claim: 'groups',
  roles: [
    { group: 'ferry-finance', role: 'finance' },
    { group: 'ferry-ops', role: 'operator' },
  ],
};
const user = (role: string, disabled = false) => ({ id: 7, name: 'ada@example.com', role, disabled });

describe('how an OpenID Connect identity maps to a Ferry user', () => {
  it('takes the name from the configured claim, and a verified e-mail only', () => {
    expect(claimedName({ email: 'ada@example.com', email_verified: true }, rules)).toEqual({
      name: 'ada@example.com',
    });
    expect(claimedName({ email: 'ada@example.com' }, rules)).toMatchObject({ reason: 'email_unverified' });
    expect(claimedName({ email: 'ada@example.com' }, { ...rules, requireVerifiedEmail: false })).toEqual({
      name: 'ada@example.com',
    });
    expect(claimedName({ sub: 'x' }, rules)).toMatchObject({ reason: 'claim_missing' });
    // A value that cannot be a Ferry user name (spaces, 65+ characters) matches no user.
    expect(claimedName({ sub: 'a b' }, { ...rules, userClaim: 'sub' })).toMatchObject({
      reason: 'claim_missing',
    });
    expect(claimedName({ sub: 'ada' }, { ...rules, userClaim: 'sub' })).toEqual({ name: 'ada' });
  });

  it('takes any e-mail address with one @ of at most 254 characters, lower-cased', () => {
    const long = `${'a'.repeat(70)}@example.com`;
    expect(claimedName({ email: long, email_verified: true }, rules)).toEqual({ name: long });
    expect(claimedName({ email: 'Ada+Ops@Example.COM', email_verified: true }, rules)).toEqual({
      name: 'ada+ops@example.com',
    });
    const tooLong = `${'a'.repeat(243)}@example.com`; // 255
    for (const email of [tooLong, 'ada', 'a@b@example.com', '@example.com', 'ada@', 'a da@example.com'])
      expect(claimedName({ email, email_verified: true }, rules), email).toMatchObject({
        reason: 'claim_missing',
      });
    expect(claimedName({ email: `${'a'.repeat(242)}@example.com`, email_verified: true }, rules)).toEqual({
      name: `${'a'.repeat(242)}@example.com`,
    });
  });

  it('takes email_verified as true or the string "true", nothing else', () => {
    expect(claimedName({ email: 'ada@example.com', email_verified: 'true' }, rules)).toEqual({
      name: 'ada@example.com',
    });
    for (const email_verified of ['TRUE', 'yes', 1, 'false', false, null, {}])
      expect(
        claimedName({ email: 'ada@example.com', email_verified }, rules),
        JSON.stringify(email_verified),
      ).toMatchObject({
        reason: 'email_unverified',
      });
  });

  it('never creates a user unless asked, and then never an admin', () => {
    expect(decide('ada@example.com', undefined, {}, rules)).toMatchObject({ reason: 'unknown_user' });
    expect(decide('ada@example.com', undefined, {}, { ...rules, autoCreateRole: 'viewer' })).toEqual({
      kind: 'create',
      name: 'ada@example.com',
      role: 'viewer',
    });
    const withGroups = { ...rules, autoCreateRole: 'viewer' as const, groups };
    expect(decide('ada@example.com', undefined, { groups: ['ferry-ops'] }, withGroups)).toMatchObject({
      kind: 'create',
      role: 'operator',
    });
    expect(decide('ada@example.com', undefined, { groups: ['staff'] }, withGroups)).toMatchObject({
      reason: 'no_group_role',
    });
  });

  it('sets non-admin roles from groups, first entry first; leaves admins and unmapped setups alone', () => {
    const withGroups = { ...rules, groups };
    expect(
      decide('ada@example.com', user('viewer'), { groups: ['ferry-ops', 'ferry-finance'] }, withGroups),
    ).toMatchObject({ kind: 'existing', newRole: 'finance' });
    // A provider that sends one group as a string.
    expect(decide('ada@example.com', user('viewer'), { groups: 'ferry-ops' }, withGroups)).toMatchObject({
      newRole: 'operator',
    });
    expect(decide('ada@example.com', user('operator'), { groups: ['ferry-ops'] }, withGroups)).toEqual({
      kind: 'existing',
      user: user('operator'),
    });
    expect(decide('ada@example.com', user('operator'), {}, withGroups)).toMatchObject({
      reason: 'no_group_role',
    });
    expect(decide('ada@example.com', user('admin'), {}, withGroups)).toEqual({
      kind: 'existing',
      user: user('admin'),
    });
    expect(decide('ada@example.com', user('finance'), { groups: ['ferry-ops'] }, rules)).toEqual({
      kind: 'existing',
      user: user('finance'),
    });
    expect(decide('ada@example.com', user('admin', true), {}, rules)).toMatchObject({
      reason: 'user_disabled',
    });
  });
});
