import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, launchBrowser, seriousViolations, shoot, signIn, startRig, type Rig } from './rig.js';

interface Approval {
  id: number;
  status: string;
  summary: string;
}

let rig: Rig;
let browser: Browser;
let alice: Page;
let bob: Page;
let aliceToken: string;
const SCREEN = '/console/mappings?kind=sku&scope=shop-us';

beforeAll(async () => {
  // A profile that holds every mapping change and edit-and-replay for a second person.
  rig = await startRig({ fourEyes: { mappings: true, editReplay: true } });
  browser = await launchBrowser();
  aliceToken = await rig.tokenFor('alice', 'operator');
  alice = await (await browser.newContext()).newPage();
  await signIn(alice, rig.url, aliceToken);
  bob = await (await browser.newContext()).newPage();
  await signIn(bob, rig.url, await rig.tokenFor('bob', 'operator'));
});
afterAll(async () => {
  await browser?.close();
  await rig?.stop();
});

describe('four-eyes on the Mappings screen', () => {
  let held: Approval;

  it('a change one operator saves waits for approval, and she is not offered (nor allowed) to approve it herself', async () => {
    await alice.goto(`${rig.url}${SCREEN}`);
    const form = alice.getByRole('form', { name: 'Add or change a sku mapping' });
    await form.getByLabel('Key').fill('LEGACY-0042');
    await form.getByLabel('Value').fill('SKU-0001');
    await form.getByRole('button', { name: 'Save mapping' }).click();
    await form
      .getByText(
        /Waiting for a second person's approval \(change \d+: sku\/shop-us\/LEGACY-0042: \(none\) → SKU-0001\)/,
      )
      .waitFor();

    const pending = alice.getByRole('region', { name: 'Mapping changes waiting for approval' });
    const card = pending.getByRole('article', { name: /sku\/shop-us\/LEGACY-0042/ });
    await card.waitFor();
    expect(await card.innerText()).toContain('You cannot approve this: you asked for this change');
    expect(await card.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    expect(await alice.getByRole('table', { name: 'sku mappings in shop-us' }).count()).toBe(0);

    // The server refuses what the page does not offer.
    const list = await rig.call<Approval[]>(aliceToken, 'GET', '/approvals?kind=mappings');
    held = list.body[0]!;
    const own = await rig.call<{ message: string }>(aliceToken, 'POST', `/approvals/${held.id}/approve`);
    expect(own.status).toBe(403);
    expect(own.body.message).toContain('may not approve it; another user must');
    expect(await seriousViolations(alice)).toEqual([]);
    await shoot(alice, 'mappings-pending');
  });

  it('a second operator approves it from the same screen, and the mapping takes effect', async () => {
    await bob.goto(`${rig.url}${SCREEN}`);
    const card = bob
      .getByRole('region', { name: 'Mapping changes waiting for approval' })
      .getByRole('article', { name: new RegExp(`Change ${held.id}:`) });
    await card.getByRole('button', { name: 'Approve' }).click();
    await bob.getByText(`Change ${held.id} approved: sku/shop-us/LEGACY-0042: (none) → SKU-0001.`).waitFor();
    const table = bob.getByRole('table', { name: 'sku mappings in shop-us' });
    const row = table.getByRole('row', { name: /LEGACY-0042/ });
    await expect.poll(() => row.innerText()).toMatch(/SKU-0001\s+1\s+.*user:alice/);
    const after = await rig.call<Approval[]>(aliceToken, 'GET', '/approvals?status=approved');
    expect(after.body.map((a) => [a.id, a.status])).toEqual([[held.id, 'approved']]);
  });

  it('a rejected change never takes effect', async () => {
    const form = bob.getByRole('form', { name: 'Add or change a sku mapping' });
    await form.getByLabel('Key').fill('LEGACY-0099');
    await form.getByLabel('Value').fill('SKU-0002');
    await form.getByRole('button', { name: 'Save mapping' }).click();
    await alice.goto(`${rig.url}${SCREEN}`);
    const card = alice.getByRole('article', { name: /sku\/shop-us\/LEGACY-0099/ });
    await card.getByRole('button', { name: 'Reject…' }).click();
    await card.getByLabel('Reason for rejecting').fill('that SKU is discontinued');
    await card.getByRole('button', { name: 'Reject', exact: true }).click();
    await alice.getByText(/Change \d+ rejected: sku\/shop-us\/LEGACY-0099/).waitFor();
    const list = await rig.call<{ key: string }[]>(aliceToken, 'GET', '/mappings/sku/shop-us');
    expect(list.body.map((m) => m.key)).toEqual(['LEGACY-0042']);
  });
});

describe('four-eyes on edit-and-replay', () => {
  it('an edited payload waits on the exception page until a second person approves it under Approvals', async () => {
    await rig.placeOrder('shop-eu', 'LEGACY-0777');
    const exc = await eventually('the unknown-SKU exception', async () => {
      const r = await rig.call<{ items: { id: number; message: string }[] }>(
        aliceToken,
        'GET',
        '/exceptions?q=LEGACY-0777',
      );
      return r.body.items[0]?.id;
    });
    await alice.goto(`${rig.url}/console/exceptions/${exc}`);
    await alice.getByRole('button', { name: 'Edit and replay…' }).click();
    const box = alice.getByLabel('Payload (JSON)');
    const payload = JSON.parse(await box.inputValue()) as Record<string, unknown>;
    await box.fill(JSON.stringify({ ...payload, note: 'checked with the customer' }, null, 2));
    await alice.getByRole('button', { name: 'Review changes' }).click();
    await alice.getByRole('button', { name: 'Confirm and replay' }).click();
    await alice.getByText(/Edit waiting for a second person's approval \(change \d+\)/).waitFor();
    await alice.reload();
    await alice
      .getByRole('note')
      .getByText(/An edited payload from user:alice waits/)
      .waitFor();
    const open = await rig.call<{ status: string }>(aliceToken, 'GET', `/exceptions/${exc}`);
    expect(open.body.status).toBe('open');

    await bob.goto(`${rig.url}/console/approvals`);
    const card = bob.getByRole('article', {
      name: new RegExp(`edit exception ${exc}'s payload \\(1 field\\)`),
    });
    expect(await card.getByRole('table', { name: 'Payload changes' }).innerText()).toContain(
      'checked with the customer',
    );
    await card.getByRole('button', { name: 'Approve' }).click();
    await bob.getByText(/Change \d+ approved: edit exception/).waitFor();
    const replayed = await rig.call<{ status: string }>(aliceToken, 'GET', `/exceptions/${exc}`);
    expect(replayed.body.status).toBe('replayed');

    await bob.getByRole('tab', { name: 'Approved' }).click();
    await expect.poll(() => new URL(bob.url()).searchParams.get('status')).toBe('approved');
    const decided = bob.getByRole('article', { name: new RegExp(`edit exception ${exc}`) });
    expect(await decided.innerText()).toContain('Approved by user:bob');
    expect(await seriousViolations(bob)).toEqual([]);
    await shoot(bob, 'approvals-approved');
  });
});

describe('CSV import on the Mappings screen', () => {
  it('the dry run shows every bad row by line and column, and offers no import until they are fixed', async () => {
    const file = join(tmpdir(), `ferry-e2e-${Date.now()}.csv`);
    writeFileSync(
      file,
      'kind,scope,key,value\nsku,shop-us,A-1,SKU-0003\nsku,,A-2,SKU-0004\ntax,shop-us,VAT,7\nsku,shop-us,A-1,SKU-0005\n',
    );
    await alice.goto(`${rig.url}${SCREEN}`);
    const csv = alice.getByRole('region', { name: 'Import from CSV' });
    await csv.getByLabel('CSV file').setInputFiles(file);
    await csv.getByRole('button', { name: 'Check (dry run)' }).click();
    const bad = csv.getByRole('table', { name: 'Bad rows' });
    await bad.waitFor();
    const rows = await bad.getByRole('row').allInnerTexts();
    expect(rows.slice(1).map((r) => r.split('\t').map((c) => c.trim()))).toEqual([
      ['3', 'scope', 'scope is empty'],
      ['4', 'kind', 'role operator may not change tax mappings (only sku, carrier)'],
      ['5', 'key', 'sku/shop-us/A-1 is already on row 2'],
    ]);
    expect(await csv.innerText()).toContain('4 rows read: 1 would change, 0 already so, 3 bad.');
    expect(await csv.getByRole('button', { name: /^Apply/ }).count()).toBe(0);
    expect(await seriousViolations(alice)).toEqual([]);
    await shoot(alice, 'mappings-csv-dry-run');
  });

  it('exports the shown kind and scope as a CSV file', async () => {
    await alice.goto(`${rig.url}${SCREEN}`);
    const [download] = await Promise.all([
      alice.waitForEvent('download'),
      alice.getByRole('link', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('ferry-mappings-sku-shop-us.csv');
    expect(readFileSync(await download.path(), 'utf8')).toBe(
      'kind,scope,key,value\nsku,shop-us,LEGACY-0042,SKU-0001\n',
    );
  });
});

describe('several held changes at once, and the count on the navigation', () => {
  it('the Approvals link counts what waits; a second person selects them all and approves them in one go', async () => {
    const keys = ['BULK-1', 'BULK-2', 'BULK-3'];
    for (const key of keys)
      expect(
        (await rig.call(aliceToken, 'PUT', `/mappings/sku/shop-us/${key}`, { value: `SKU-000${key.at(-1)}` }))
          .status,
      ).toBe(200);
    await bob.goto(`${rig.url}/console/`);
    const link = bob.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: /^Approvals/ });
    await link.getByLabel('3 waiting').waitFor();

    await link.click();
    const bulk = bob.getByRole('group', { name: 'Decide several' });
    await bulk.getByLabel('Select all 3 you may decide').check();
    await bulk.getByText('3 selected', { exact: true }).waitFor();
    expect(await seriousViolations(bob)).toEqual([]);
    await shoot(bob, 'approvals-bulk');
    await bulk.getByRole('button', { name: 'Approve 3 selected' }).click();
    await bob.getByText('3 of 3 changes approved.').waitFor();
    // Nothing waits any more: the count leaves the link.
    await expect.poll(() => link.getByLabel(/waiting/).count()).toBe(0);

    const list = await rig.call<{ key: string; value: string }[]>(aliceToken, 'GET', '/mappings/sku/shop-us');
    expect(list.body.filter((m) => keys.includes(m.key)).map((m) => [m.key, m.value])).toEqual([
      ['BULK-1', 'SKU-0001'],
      ['BULK-2', 'SKU-0002'],
      ['BULK-3', 'SKU-0003'],
    ]);
  });

  it('she cannot approve her own changes in bulk either: the page offers no selection, the server refuses', async () => {
    const held = await rig.call<{ id: number }>(aliceToken, 'PUT', '/mappings/sku/shop-us/BULK-4', {
      value: 'SKU-0004',
    });
    const held2 = await rig.call<{ id: number }>(aliceToken, 'PUT', '/mappings/sku/shop-us/BULK-5', {
      value: 'SKU-0005',
    });
    await alice.goto(`${rig.url}/console/approvals`);
    await alice.getByRole('article', { name: new RegExp(`Change ${held2.body.id}:`) }).waitFor();
    expect(await alice.getByRole('group', { name: 'Decide several' }).count()).toBe(0);
    const r = await rig.call<{ results: { id: number; ok: boolean; error?: { code: string } }[] }>(
      aliceToken,
      'POST',
      '/approvals/decide',
      { ids: [held.body.id, held2.body.id], decision: 'approve' },
    );
    expect(r.body.results.map((x) => [x.ok, x.error?.code])).toEqual([
      [false, 'forbidden'],
      [false, 'forbidden'],
    ]);
  });
});

describe('what a decision of several left undecided', () => {
  it('stays shown after the decision leaves too few changes to decide several', async () => {
    const ask = async (key: string, value: string) => {
      const r = await rig.call<{ id: number }>(aliceToken, 'PUT', `/mappings/sku/shop-us/${key}`, { value });
      expect(r.status).toBe(200);
      return r.body.id;
    };
    // Alice withdraws what still waits from earlier, so exactly these two are Bob's to decide.
    const waiting = await rig.call<{ id: number }[]>(aliceToken, 'GET', '/approvals');
    for (const a of waiting.body)
      await rig.call(aliceToken, 'POST', `/approvals/${a.id}/reject`, { reason: 'clearing the way' });
    const [first, second] = [await ask('BULK-6', 'SKU-0001'), await ask('BULK-7', 'SKU-0002')];
    await bob.goto(`${rig.url}/console/approvals`);
    const bulk = bob.getByRole('group', { name: 'Decide several' });
    await bulk.getByLabel('Select all 2 you may decide').check();
    // Alice withdraws one while Bob's selection still holds it.
    await rig.call(aliceToken, 'POST', `/approvals/${second}/reject`, { reason: 'not needed' });
    await bulk.getByRole('button', { name: 'Approve 2 selected' }).click();
    await bob.getByText('1 of 2 changes approved.').waitFor();
    const not = bob.getByRole('list', { name: 'Not decided' });
    await not.waitFor();
    expect(await not.innerText()).toContain(`Change ${second}:`);
    expect(await not.innerText()).not.toContain(`Change ${first}:`);
    // Too few are left to decide several: the panel goes, the answer stays.
    await expect.poll(() => bulk.count()).toBe(0);
    expect(await not.isVisible()).toBe(true);
  });
});

describe('the Users screen (admins)', () => {
  it('lists users with their live tokens, and shows a token minted elsewhere without a reload', async () => {
    const ada = await (await browser.newContext()).newPage();
    const adaToken = await rig.tokenFor('ada', 'admin');
    await signIn(ada, rig.url, adaToken);
    await ada.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Users' }).click();
    const table = ada.getByRole('table', { name: 'Users' });
    const row = table.getByRole('row', { name: /^bob\b/ });
    await expect.poll(() => row.innerText()).toMatch(/bob\s+operator\s+active\s+1/);
    expect(await seriousViolations(ada)).toEqual([]);
    await shoot(ada, 'users');

    // Minted with the API (as `ferry users token` would): the list polls for what changed.
    const users = await rig.call<{ id: number; name: string }[]>(adaToken, 'GET', '/users');
    const bobId = users.body.find((u) => u.name === 'bob')!.id;
    expect((await rig.call(adaToken, 'POST', `/users/${bobId}/tokens`, {})).status).toBe(201);
    await expect.poll(() => row.innerText(), { timeout: 20_000 }).toMatch(/bob\s+operator\s+active\s+2/);

    // An operator has no Users link, and the API refuses the list.
    expect(await bob.getByRole('link', { name: 'Users' }).count()).toBe(0);
    expect((await rig.call(aliceToken, 'GET', '/users')).status).toBe(403);
  });
});
