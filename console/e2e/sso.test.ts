import { createServer } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProvider, type TestProvider } from '../../src/test-helpers/oidcProvider.js';
import { launchBrowser, seriousViolations, shoot, startRig, type Rig } from './rig.js';

let rig: Rig;
let provider: TestProvider;
let browser: Browser;
/** Ferry as the browser reaches it: `localhost`, while the provider is `127.0.0.1`, so the two are different sites. */
let ferry: string;

/**
 * A free loopback port. The redirect URL the provider registers must name Ferry's address
 * before Ferry starts, so Ferry cannot take port 0 here.
 */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  const port = await freePort();
  ferry = `http://localhost:${port}`;
  const redirectUrl = `${ferry}/console/auth/oidc/callback`;
  provider = await startProvider(redirectUrl, {
    olga: { email: 'olga@example.com', email_verified: true },
    stranger: { email: 'stranger@example.com', email_verified: true },
  });
  rig = await startRig(
    {
      console: {
        oidc: {
          name: 'Acme ID',
          issuerUrl: provider.issuer,
          clientId: provider.clientId,
          clientSecret: 'env:FERRY_E2E_OIDC_SECRET',
          redirectUrl,
        },
      },
    },
    { port, env: { FERRY_E2E_OIDC_SECRET: provider.clientSecret } },
  );
  await rig.tokenFor('olga@example.com', 'operator');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await rig?.stop();
  await provider?.close();
});

/** Clicks "Sign in with Acme ID" and goes through the provider's login and consent pages as `login`. */
async function signOn(page: Page, login: string): Promise<void> {
  await page.goto(`${ferry}/console/`);
  await page.getByRole('link', { name: 'Sign in with Acme ID' }).click();
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill('any');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

describe('console single sign-on, against a real ferry serve and a real OpenID Connect provider', () => {
  it('offers the provider on the sign-in page, and a known user arrives signed in with their role', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${ferry}/console/`);
    await page.getByRole('link', { name: 'Sign in with Acme ID' }).waitFor();
    await shoot(page, 'sign-in-sso');
    expect(await seriousViolations(page)).toEqual([]);
    await signOn(page, 'olga');
    await page.getByRole('navigation', { name: 'Screens' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/');
    await expect.poll(() => page.locator('body').innerText()).toContain('olga@example.com (operator)');
  });

  it('sends an identity that is no Ferry user back to the sign-in page, saying why', async () => {
    const page = await (await browser.newContext()).newPage();
    await signOn(page, 'stranger');
    await expect
      .poll(() => page.getByRole('alert').innerText())
      .toBe(
        'Your Acme ID account is not a Ferry user yet: ask an admin to add you (by the same e-mail or name).',
      );
    expect(new URL(page.url()).searchParams.get('reason')).toBe('unknown_user');
  });
});
