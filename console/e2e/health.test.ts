import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, launchBrowser, seriousViolations, shoot, signIn, startRig, type Rig } from './rig.js';

const UNKNOWN = 'LEGACY-0099';
let rig: Rig;
let browser: Browser;
let operator: Page;
let viewer: Page;
let admin: string;

beforeAll(async () => {
  rig = await startRig();
  browser = await launchBrowser();
  admin = await rig.tokenFor('ada', 'admin');
  await rig.placeOrder('shop-eu');
  await rig.placeOrder('shop-us', UNKNOWN);
  await eventually('the unknown-SKU exception', async () => {
    const r = await rig.call<{ total: number }>(admin, 'GET', '/exceptions?code=mapping_missing&limit=1');
    return r.body.total > 0 ? true : undefined;
  });
  operator = await (await browser.newContext()).newPage();
  await signIn(operator, rig.url, await rig.tokenFor('olga', 'operator'));
  viewer = await (await browser.newContext()).newPage();
  await signIn(viewer, rig.url, await rig.tokenFor('vera', 'viewer'));
});
afterAll(async () => {
  await browser?.close();
  await rig?.stop();
});

describe('the console health screens, against a real ferry serve', () => {
  it('overview: says what needs attention in words, and its numbers open the lists behind them', async () => {
    await operator.goto(`${rig.url}/console/`);
    const attention = operator.getByRole('region', { name: 'Needs attention' });
    await expect.poll(() => attention.innerText()).toContain('1 open exception waits for a person');
    await shoot(operator, 'health-attention');
    expect(await seriousViolations(operator)).toEqual([]);
    await attention.getByRole('link', { name: /open exception/ }).click();
    await operator.getByRole('heading', { name: 'Exception queue' }).waitFor();
    expect(new URL(operator.url()).searchParams.get('status')).toBe('open');
    await expect.poll(() => operator.getByRole('row', { name: /sku-mapping/ }).count()).toBe(1);
  });

  it('partners: an operator tests a connection and sees the result; the test is audited', async () => {
    await operator.goto(`${rig.url}/console/partners`);
    const eu = operator.getByRole('region', { name: /shopify:shop-eu/ });
    await eu.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => eu.getByRole('status').innerText()).toContain('Connection works: signed in to');
    const audit = await rig.call<{ items: { actor: string; targetId: string }[] }>(
      admin,
      'GET',
      '/audit/entries?action=partner.test',
    );
    expect(audit.body.items.map((a) => [a.actor, a.targetId])).toEqual([['user:olga', 'shopify:shop-eu']]);
  });

  it('partners: mapping completeness lists the unknown SKU, and the operator maps it inline', async () => {
    await operator.goto(`${rig.url}/console/partners`);
    const gaps = operator.getByRole('region', { name: 'Mapping completeness' });
    await expect.poll(() => gaps.innerText()).toContain(UNKNOWN);
    await shoot(operator, 'partners-unmapped');
    expect(await seriousViolations(operator)).toEqual([]);
    const odooSku = rig.dist.catalogue[0]!.sku;
    await gaps.getByLabel(`Odoo value for ${UNKNOWN}`).fill(odooSku);
    await gaps.getByRole('button', { name: 'Save mapping' }).click();
    await gaps.getByText(`Saved: ${UNKNOWN} → ${odooSku}`).waitFor();
  });

  it('saved views: an operator saves the queue filter, opens it again, and deletes it; nobody else sees it', async () => {
    await operator.goto(`${rig.url}/console/exceptions?code=mapping_missing`);
    const views = operator.getByRole('region', { name: 'Saved views' });
    await views.getByLabel('Save these filters as').fill('SKU problems');
    await views.getByRole('button', { name: 'Save view' }).click();
    await views.getByRole('link', { name: 'SKU problems' }).waitFor();
    await operator.goto(`${rig.url}/console/exceptions`);
    await operator
      .getByRole('region', { name: 'Saved views' })
      .getByRole('link', { name: 'SKU problems' })
      .click();
    await expect.poll(() => new URL(operator.url()).searchParams.get('code')).toBe('mapping_missing');
    await viewer.goto(`${rig.url}/console/exceptions`);
    await viewer.getByRole('heading', { name: 'Exception queue' }).waitFor();
    expect(await viewer.getByRole('link', { name: 'SKU problems' }).count()).toBe(0);
    await operator.getByRole('button', { name: 'Delete view SKU problems' }).click();
    await expect.poll(() => operator.getByRole('link', { name: 'SKU problems' }).count()).toBe(0);
  });

  it('a viewer sees no connection test and no inline fix, and the server refuses them', async () => {
    await viewer.goto(`${rig.url}/console/partners`);
    await viewer.getByRole('region', { name: /shopify:shop-eu/ }).waitFor();
    expect(await viewer.getByRole('button', { name: 'Test connection' }).count()).toBe(0);
    expect(await viewer.getByRole('button', { name: 'Save mapping' }).count()).toBe(0);
    const status = await viewer.evaluate(async () => {
      const s = (await (await fetch('/api/session')).json()) as { csrfToken: string };
      const r = await fetch('/api/partners/odoo/test', {
        method: 'POST',
        headers: { 'x-csrf-token': s.csrfToken },
      });
      return r.status;
    });
    expect(status).toBe(403);
  });

  it('inventory: says plainly when this Ferry publishes no inventory', async () => {
    await operator.goto(`${rig.url}/console/inventory/${rig.dist.catalogue[0]!.sku}`);
    await operator.getByRole('alert').getByText('inventory publishing is not configured').waitFor();
  });
});
