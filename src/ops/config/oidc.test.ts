import { describe, expect, it } from 'vitest';
import { isFerryError } from '../../core/errors.js';
import { compileConfig, validateConfig } from './index.js';

const oidc = {
  issuerUrl: 'https://id.example.com',
  clientId: 'ferry',
  clientSecret: 'env:FERRY_OIDC_SECRET',
  redirectUrl: 'https://ferry.example.com/console/auth/oidc/callback',
};

/** The problems validateConfig names for this console.oidc section. */
function problems(section: Record<string, unknown>): string[] {
  try {
    validateConfig({ console: { oidc: section } });
  } catch (e) {
    expect(isFerryError(e) && e.code).toBe('config_invalid');
    return (e as { details: string[] }).details;
  }
  return [];
}

describe('console.oidc', () => {
  it('compiles with defaults and keeps the client secret a reference with its path', () => {
    const c = compileConfig({ console: { oidc } });
    expect(c.oidc).toEqual({
      name: 'single sign-on',
      issuerUrl: 'https://id.example.com',
      clientId: 'ferry',
      clientSecret: { ref: 'env:FERRY_OIDC_SECRET', where: 'console.oidc.clientSecret' },
      redirectUrl: 'https://ferry.example.com/console/auth/oidc/callback',
      scopes: ['openid', 'email', 'profile'],
      userClaim: 'email',
      requireVerifiedEmail: true,
      timeoutMs: 10_000,
    });
    expect(compileConfig({}).oidc).toBeUndefined();
  });

  it('refuses a secret written in, admin from sign-on, a wrong callback path and http beyond localhost', () => {
    expect(problems({ ...oidc, clientSecret: 'hunter2' }).join('\n')).toMatch(
      /clientSecret.*never the secret itself/,
    );
    expect(problems({ ...oidc, autoCreateRole: 'admin' }).join('\n')).toMatch(
      /autoCreateRole.*admin is granted/,
    );
    expect(problems({ ...oidc, groups: { roles: [{ group: 'it', role: 'admin' }] } }).join('\n')).toMatch(
      /groups\.roles\[0\]\.role/,
    );
    expect(problems({ ...oidc, redirectUrl: 'https://ferry.example.com/callback' }).join('\n')).toMatch(
      /redirectUrl.*\/console\/auth\/oidc\/callback/,
    );
    expect(problems({ ...oidc, issuerUrl: 'http://id.example.com' }).join('\n')).toMatch(
      /issuerUrl.*http:\/\/ only for localhost/,
    );
    expect(problems({ ...oidc, scopes: ['email'] }).join('\n')).toMatch(/scopes.*openid/);
    expect(
      problems({
        ...oidc,
        issuerUrl: 'http://127.0.0.1:4000',
        redirectUrl: 'http://localhost:8080/console/auth/oidc/callback',
        autoCreateRole: 'viewer',
      }),
    ).toEqual([]);
  });
});
