import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, launchBrowser, signIn, startRig, type Rig } from './rig.js';

let rig: Rig;
let browser: Browser;
let page: Page;
let exceptionId: number;

beforeAll(async () => {
  rig = await startRig();
  browser = await launchBrowser();
  const admin = await rig.tokenFor('ada', 'admin');
  await rig.placeOrder('shop-us', 'LEGACY-0042');
  exceptionId = await eventually('an open exception', async () => {
    const r = await rig.call<{ items: { id: number }[] }>(admin, 'GET', '/exceptions');
    return r.body.items[0]?.id;
  });
  page = await (await browser.newContext()).newPage();
  await signIn(page, rig.url, await rig.tokenFor('vera', 'viewer'));
});
afterAll(async () => {
  await browser?.close();
  await rig?.stop();
});

/** A change the viewer's own session asks for, with its cookie and CSRF token: what a hand-made request gets. */
async function asViewer(method: string, path: string, body?: unknown): Promise<number> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const s = (await (await fetch('/api/session')).json()) as { csrfToken: string };
      const r = await fetch(`/api${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': s.csrfToken },
        body: JSON.stringify(body ?? {}),
      });
      return r.status;
    },
    { method, path, body },
  );
}

describe('the console, for a viewer', () => {
  it('shows the queue and the exception without one action button', async () => {
    await page.goto(`${rig.url}/console/exceptions`);
    await page.getByRole('link', { name: String(exceptionId) }).waitFor();
    expect(await page.getByRole('checkbox', { name: /Select exception/ }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Bulk actions' }).count()).toBe(0);
    await page.getByRole('link', { name: String(exceptionId) }).click();
    await page.getByRole('region', { name: 'Why it stopped' }).waitFor();
    for (const name of ['Replay', 'Edit and replay…', 'Skip…', 'Assign to me', 'Save mapping'])
      expect(await page.getByRole('button', { name, exact: true }).count(), name).toBe(0);
    await page.goto(`${rig.url}/console/mappings?kind=sku&scope=shop-us`);
    await page.getByRole('heading', { name: 'Mappings and rules' }).waitFor();
    expect(await page.getByRole('button', { name: /Save mapping|Check \(dry run\)/ }).count()).toBe(0);
    await page.goto(`${rig.url}/console/settings`);
    await page.getByRole('heading', { name: 'Shadow mode' }).waitFor();
    for (const box of await page.getByRole('region', { name: 'Shadow mode' }).getByRole('checkbox').all())
      expect(await box.isDisabled()).toBe(true);
  });

  it('is refused by the server when it asks anyway', async () => {
    expect(await asViewer('POST', `/exceptions/${exceptionId}/replay`)).toBe(403);
    expect(await asViewer('POST', `/exceptions/${exceptionId}/skip`, { reason: 'looks fine' })).toBe(403);
    expect(
      await asViewer('POST', '/exceptions/bulk', {
        action: 'replay',
        filter: { status: 'open' },
        reason: 'all',
      }),
    ).toBe(403);
    expect(await asViewer('PUT', '/mappings/sku/shop-us/LEGACY-0042', { value: 'SKU-00001' })).toBe(403);
    const admin = await rig.tokenFor('ada', 'admin');
    const still = await rig.call<{ status: string }>(admin, 'GET', `/exceptions/${exceptionId}`);
    expect(still.body.status).toBe('open');
  });
});
