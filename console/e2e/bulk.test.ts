import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, launchBrowser, shoot, signIn, startRig, type Rig } from './rig.js';

const COUNT = 500;
let rig: Rig;
let browser: Browser;
let admin: string;

beforeAll(async () => {
  rig = await startRig();
  browser = await launchBrowser();
  admin = await rig.tokenFor('ada', 'admin');
  // 500 orders whose SKU Odoo does not know, delivered as Shopify's webhooks, 25 at a time.
  for (let i = 0; i < COUNT; i += 25)
    await Promise.all(Array.from({ length: 25 }, () => rig.placeOrder('shop-eu', 'LEGACY-BULK')));
  await eventually(
    `${COUNT} open mapping_missing exceptions`,
    async () => {
      const r = await rig.call<{ total: number }>(admin, 'GET', '/exceptions?code=mapping_missing&limit=1');
      return r.body.total === COUNT ? true : undefined;
    },
    180_000,
  );
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await rig?.stop();
});

describe('bulk replay from the console', () => {
  it(`replays all ${COUNT} exceptions matching a filter, after a confirmation naming the filter and a reason, with progress to the end`, async () => {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, rig.url, await rig.tokenFor('olga', 'operator'));
    await page.goto(`${rig.url}/console/exceptions?code=mapping_missing`);
    await page.getByText(`${COUNT} matching`, { exact: true }).waitFor();
    await page.getByRole('button', { name: `Replay all ${COUNT} matching` }).click();
    const dialog = page.getByRole('dialog', { name: `Replay ${COUNT} exceptions?` });
    expect(await dialog.innerText()).toContain('code = mapping_missing');
    const confirm = dialog.getByRole('button', { name: `Replay ${COUNT}` });
    expect(await confirm.isDisabled()).toBe(true); // no reason, no batch
    await dialog.getByLabel(/Reason/).fill('SKU LEGACY-BULK mapped in Odoo');
    await confirm.click();
    const progress = page.getByRole('progressbar', { name: /Batch/ });
    await progress.waitFor();
    await page.getByText(/Batch \S+: done/).waitFor({ timeout: 90_000 });
    expect(await progress.getAttribute('value')).toBe(String(COUNT));
    expect(await progress.getAttribute('max')).toBe(String(COUNT));
    expect(await page.locator('.batch').innerText()).toContain(`${COUNT} of ${COUNT}`);
    await shoot(page, 'bulk-replay-done');
    const audit = await rig.call<{ action: string; after?: unknown }[]>(
      admin,
      'GET',
      '/audit?action=exception.&limit=1000',
    );
    expect(audit.body.filter((a) => a.action === 'exception.replay').length).toBeGreaterThanOrEqual(COUNT);
  });
});
