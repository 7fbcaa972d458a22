import { describe, expect, it } from 'vitest';
import { ssoMessage } from './ssoReasons.js';

const GENERAL = 'Sign-in with Acme ID did not succeed: try again.';

describe('the sign-in page’s words for a single sign-on refusal', () => {
  it('words each reason the server sends, naming the provider', () => {
    expect(ssoMessage('unknown_user', 'Acme ID')).toBe(
      'Your Acme ID account is not a Ferry user yet: ask an admin to add you (by the same e-mail or name).',
    );
    expect(ssoMessage('unavailable', 'Acme ID')).toBe(
      'Acme ID could not be reached: try again later, or sign in with a token.',
    );
    expect(ssoMessage('provider_refused', 'Acme ID')).toBe('Sign-in with Acme ID was cancelled or refused.');
    expect(ssoMessage('user_changed', 'Acme ID')).toBe(
      'Your Ferry user was created or changed while you signed in with Acme ID: try again.',
    );
  });

  it('gives the general words for a missing or made-up reason, a property of every object included', () => {
    for (const reason of [null, '', 'nonsense', '__proto__', 'constructor', 'toString', 'hasOwnProperty'])
      expect(ssoMessage(reason, 'Acme ID')).toBe(GENERAL);
  });
});
