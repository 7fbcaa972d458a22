import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, describeStores } from '../../test-helpers/stores.js';
import { adminApp, parkException } from '../../test-helpers/adminFixtures.js';
import type { Store } from '../../store/index.js';
import type { AdminServices } from './context.js';
import { samePerson } from './services/approvals.js';

interface Approval {
  id: number;
  kind: string;
  status: string;
  summary: string;
  requestedBy: string;
  decidedBy: string | null;
  mayDecide: boolean;
  whyNot: string | null;
}

describeStores('four-eyes approvals (a profile with fourEyes on)', (fx) => {
  let store: Store;
  let app: FastifyInstance;
  let s: AdminServices;
  const clock = new ManualClock();
  const t = {} as Record<'alice' | 'alice2' | 'bob' | 'olga' | 'vic', string>;

  beforeAll(async () => {
    store = await fx().open({ clock });
    ({ app, services: s } = await adminApp(store, clock, { fourEyes: { mappings: true, editReplay: true } }));
    t.alice = (await s.tokens.create({ name: 'alice', role: 'admin' }, 'test')).token;
    // A second token of the same user: still one person.
    t.alice2 = (await s.tokens.create({ name: 'alice', role: 'admin' }, 'test')).token;
    t.bob = (await s.tokens.create({ name: 'bob', role: 'finance' }, 'test')).token;
    t.olga = (await s.tokens.create({ name: 'olga', role: 'operator' }, 'test')).token;
    t.vic = (await s.tokens.create({ name: 'vic', role: 'viewer' }, 'test')).token;
    await s.mappings.set({ kind: 'tax', scope: 'eu', key: 'VAT21' }, '7', 'seed');
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const call = async (who: keyof typeof t, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => {
    const r = await app.inject({
      method,
      url: `/api${url}`,
      headers: { authorization: `Bearer ${t[who]}` },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    return { status: r.statusCode, body: r.json() };
  };
  const valueOf = async (key: string) =>
    (await s.mappings.list('tax', 'eu')).find((m) => m.key === key)?.value ?? null;
  const audit = async (action: string) =>
    (await call('alice', 'GET', `/audit?action=${action}`)).body as {
      actor: string;
      targetId: string;
      after: Record<string, unknown>;
    }[];

  describe('a mapping change', () => {
    let id: number;

    it('waits as pending instead of taking effect', async () => {
      const r = await call('alice', 'PUT', '/mappings/tax/eu/VAT21', { value: '8' });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({
        status: 'pending',
        kind: 'mappings',
        target: 'tax/eu/VAT21',
        summary: 'tax/eu/VAT21: 7 → 8',
        requestedBy: 'token:alice',
        mayDecide: false,
      });
      id = (r.body as Approval).id;
      expect(await valueOf('VAT21')).toBe('7');
      const [req] = await audit('approval.request');
      expect(req).toMatchObject({ actor: 'token:alice', targetId: String(id) });
    });

    it('is listed for the console, with who may decide it and why not', async () => {
      const asAlice = (await call('alice', 'GET', '/approvals')).body as Approval[];
      expect(asAlice.map((a) => [a.id, a.mayDecide, a.whyNot])).toEqual([
        [id, false, 'you asked for this change; another user must approve it'],
      ]);
      const asOlga = (await call('olga', 'GET', '/approvals')).body as Approval[];
      expect(asOlga[0]).toMatchObject({
        mayDecide: false,
        whyNot: 'role operator may not change tax mappings (only sku, carrier)',
      });
      const asBob = (await call('bob', 'GET', '/approvals')).body as Approval[];
      expect(asBob[0]).toMatchObject({ mayDecide: true, whyNot: null });
    });

    it('cannot be approved by the user who asked for it, with any of their tokens', async () => {
      for (const who of ['alice', 'alice2'] as const) {
        const r = await call(who, 'POST', `/approvals/${id}/approve`);
        expect(r.status).toBe(403);
        expect(r.body).toEqual({
          error: 'forbidden',
          message: `approval ${id}: token:alice asked for this change and may not approve it; another user must (four-eyes)`,
        });
      }
      expect(await valueOf('VAT21')).toBe('7');
      expect((await call('bob', 'GET', `/approvals/${id}`)).body).toMatchObject({ status: 'pending' });
    });

    it('cannot be approved by a role that may not make it, nor by a viewer', async () => {
      const olga = await call('olga', 'POST', `/approvals/${id}/approve`);
      expect(olga.status).toBe(403);
      expect(olga.body.message).toBe(
        `approval ${id}: role operator may not change tax mappings (only sku, carrier)`,
      );
      expect((await call('vic', 'POST', `/approvals/${id}/approve`)).status).toBe(403);
      expect(await valueOf('VAT21')).toBe('7');
    });

    it('takes effect when a second user approves it, in the name of who asked, with both audited', async () => {
      const r = await call('bob', 'POST', `/approvals/${id}/approve`);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ status: 'approved', decidedBy: 'token:bob' });
      const versions = await s.mappings.history({ kind: 'tax', scope: 'eu', key: 'VAT21' });
      expect(versions.map((v) => [v.version, v.value, v.createdBy])).toEqual([
        [1, '7', 'seed'],
        [2, '8', 'token:alice'],
      ]);
      const [approved] = await audit('approval.approve');
      expect(approved).toMatchObject({ actor: 'token:bob', targetId: String(id) });
      const [set] = await audit('mapping.set');
      expect(set).toMatchObject({
        actor: 'token:alice',
        targetId: 'tax/eu/VAT21',
        after: { version: 2, value: '8', approvedBy: 'token:bob', approval: id },
      });
    });

    it('is decided once: a second decision is refused', async () => {
      const again = await call('alice2', 'POST', `/approvals/${id}/reject`, { reason: 'late' });
      expect(again.status).toBe(409);
      expect(again.body.message).toBe(`approval ${id} is already approved by token:bob`);
    });
  });

  it('a rejected change is never applied, and the rejection is audited with its reason', async () => {
    const held = (await call('bob', 'PUT', '/mappings/tax/eu/VAT9', { value: '3' })).body as Approval;
    const r = await call('alice', 'POST', `/approvals/${held.id}/reject`, { reason: 'VAT 9 is id 4' });
    expect(r.body).toMatchObject({ status: 'rejected', decidedBy: 'token:alice', reason: 'VAT 9 is id 4' });
    expect(await valueOf('VAT9')).toBeNull();
    expect((await audit('approval.reject'))[0]).toMatchObject({
      actor: 'token:alice',
      after: { reason: 'VAT 9 is id 4' },
    });
  });

  it('refuses to apply a change whose mapping moved on since it was asked for', async () => {
    const held = (await call('alice', 'PUT', '/mappings/tax/eu/VAT21', { value: '9' })).body as Approval;
    // Changed meanwhile without four eyes (the CLI with no profile).
    await s.mappings.set({ kind: 'tax', scope: 'eu', key: 'VAT21' }, '10', 'cli:root');
    const r = await call('bob', 'POST', `/approvals/${held.id}/approve`);
    expect(r.status).toBe(409);
    expect(r.body.message).toContain('tax/eu/VAT21 changed since this was asked (version 2 then, 3 now)');
    expect(await valueOf('VAT21')).toBe('10');
    expect((await call('bob', 'GET', `/approvals/${held.id}`)).body).toMatchObject({ status: 'pending' });
  });

  it('holds a CSV import as one approval, applied whole when approved', async () => {
    const csv = 'kind,scope,key,value\ntax,eu,VAT0,1\ntax,eu,VAT5,2\n';
    const r = await app.inject({
      method: 'POST',
      url: '/api/mappings/import',
      headers: { authorization: `Bearer ${t.bob}`, 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(r.json()).toMatchObject({
      applied: false,
      pending: { status: 'pending', summary: '2 mapping changes' },
    });
    expect(await valueOf('VAT0')).toBeNull();
    const id = (r.json().pending as Approval).id;
    expect((await call('bob', 'POST', `/approvals/${id}/approve`)).status).toBe(403);
    expect((await call('alice', 'POST', `/approvals/${id}/approve`)).status).toBe(200);
    expect([await valueOf('VAT0'), await valueOf('VAT5')]).toEqual(['1', '2']);
  });

  it('applies a held import whole or not at all: one mapping moved on, none of its changes is applied', async () => {
    const csv = 'kind,scope,key,value\ntax,eu,VAT12,12\ntax,eu,VAT13,13\n';
    const r = await app.inject({
      method: 'POST',
      url: '/api/mappings/import',
      headers: { authorization: `Bearer ${t.bob}`, 'content-type': 'text/csv' },
      payload: csv,
    });
    const id = (r.json().pending as Approval).id;
    await s.mappings.set({ kind: 'tax', scope: 'eu', key: 'VAT13' }, '99', 'cli:root');
    const approve = await call('alice', 'POST', `/approvals/${id}/approve`);
    expect(approve.status).toBe(409);
    expect(approve.body.message).toBe(
      `approval ${id}: tax/eu/VAT13 changed since this was asked (version none then, 1 now); reject it and ask again`,
    );
    expect([await valueOf('VAT12'), await valueOf('VAT13')]).toEqual([null, '99']);
    expect((await call('alice', 'GET', `/approvals/${id}`)).body).toMatchObject({ status: 'pending' });
  });

  it('holds an edit-and-replay: the exception stays open until a second user approves, and the diff is audited', async () => {
    const exc = await parkException(store, clock.now(), { impact: 'blocks-shipment' });
    const before = (await call('olga', 'GET', `/exceptions/${exc}`)).body as { payload: { n: number } };
    const edited = { ...before.payload, sku: 'FIXED-1' };
    const r = await call('olga', 'POST', `/exceptions/${exc}/edit-replay`, { payload: edited });
    expect(r.status).toBe(200);
    const held = (r.body as { pending: Approval }).pending;
    expect(held).toMatchObject({ kind: 'edit-replay', target: `exception ${exc}`, status: 'pending' });
    expect((await call('olga', 'GET', `/exceptions/${exc}`)).body).toMatchObject({ status: 'open' });
    const [asked] = await audit('approval.request');
    expect(asked!.after).toMatchObject({
      change: { exceptionId: exc, diff: [{ path: 'sku', op: 'add', from: null, to: 'FIXED-1' }] },
    });
    expect((await call('olga', 'POST', `/approvals/${held.id}/approve`)).status).toBe(403);
    // Finance may act only on finance exceptions, so it may not approve this one either.
    expect((await call('bob', 'POST', `/approvals/${held.id}/approve`)).body.message).toBe(
      `approval ${held.id}: role finance may act only on finance exceptions`,
    );
    expect((await call('alice', 'POST', `/approvals/${held.id}/approve`)).status).toBe(200);
    expect((await call('olga', 'GET', `/exceptions/${exc}`)).body).toMatchObject({ status: 'replayed' });
    const [done] = await audit('exception.edit_replay');
    expect(done).toMatchObject({
      actor: 'token:olga',
      targetId: String(exc),
      after: { payload: edited, approvedBy: 'token:alice', diff: [{ path: 'sku', to: 'FIXED-1' }] },
    });
  });

  it("shows a held payload's personal data only to roles that may see it", async () => {
    const exc = await parkException(store, clock.now(), { impact: 'blocks-shipment' });
    const payload = {
      email: 'jane@example.com',
      shipping_address: { name: 'Jane Doe', address1: '1 Main St' },
    };
    const held = (await call('olga', 'POST', `/exceptions/${exc}/edit-replay`, { payload })).body as {
      pending: Approval;
    };
    const asViewer = JSON.stringify((await call('vic', 'GET', `/approvals/${held.pending.id}`)).body);
    expect(asViewer).not.toContain('jane@example.com');
    expect(asViewer).not.toContain('Jane Doe');
    expect(asViewer).not.toContain('1 Main St');
    const asAdmin = JSON.stringify((await call('alice', 'GET', `/approvals/${held.pending.id}`)).body);
    expect(asAdmin).toContain('jane@example.com');
    expect(asAdmin).toContain('Jane Doe');
  });

  it('decides several at once: each on its own, audited, under the same four-eyes rules; the badge counts what waits', async () => {
    const count = async () =>
      ((await call('vic', 'GET', '/approvals/count')).body as { pending: number }).pending;
    const before = await count();
    const ask = async (who: 'olga' | 'alice', key: string) =>
      ((await call(who, 'PUT', `/mappings/sku/eu/${key}`, { value: `SKU-${key}` })).body as Approval).id;
    const [b1, b2, b3] = [await ask('olga', 'B-1'), await ask('olga', 'B-2'), await ask('alice', 'B-3')];
    expect(await count()).toBe(before + 3);
    const decide = async (who: keyof typeof t, body: object) =>
      call(who, 'POST', '/approvals/decide', body) as Promise<{
        status: number;
        body: { results: { id: number; ok: boolean; error?: { code: string; message: string } }[] };
      }>;

    // Olga may not approve her own two; the third (Alice's) goes through; an unknown id says so.
    const mixed = await decide('olga', { ids: [b1, b2, b3, 999_999], decision: 'approve' });
    expect(mixed.status).toBe(200);
    expect(mixed.body.results.map((r) => [r.id, r.ok, r.error?.code ?? null])).toEqual([
      [b1, false, 'forbidden'],
      [b2, false, 'forbidden'],
      [b3, true, null],
      [999_999, false, 'not_found'],
    ]);
    expect(mixed.body.results[0]!.error!.message).toContain('may not approve it; another user must');
    // Finance may not change SKU mappings, so it may not approve them either; a viewer may not decide at all.
    const finance = await decide('bob', { ids: [b1, b2], decision: 'approve' });
    expect(finance.body.results.every((r) => !r.ok && r.error?.code === 'forbidden')).toBe(true);
    expect((await decide('vic', { ids: [b1], decision: 'approve' })).status).toBe(403);
    expect((await s.mappings.list('sku', 'eu')).map((m) => m.key)).toEqual(['B-3']);

    const both = await decide('alice', { ids: [b1, b2], decision: 'approve' });
    expect(both.body.results.map((r) => r.ok)).toEqual([true, true]);
    expect((await s.mappings.list('sku', 'eu')).map((m) => [m.key, m.value])).toEqual([
      ['B-1', 'SKU-B-1'],
      ['B-2', 'SKU-B-2'],
      ['B-3', 'SKU-B-3'],
    ]);
    const approved = (await audit('approval.approve')).filter((a) =>
      [b1, b2, b3].map(String).includes(a.targetId),
    );
    expect(approved.map((a) => [a.targetId, a.actor]).sort()).toEqual(
      [
        [String(b1), 'token:alice'],
        [String(b2), 'token:alice'],
        [String(b3), 'token:olga'],
      ].sort(),
    );
    expect(await count()).toBe(before);

    // Rejecting several needs a reason, and each rejection keeps it.
    const [r1, r2] = [await ask('olga', 'C-1'), await ask('olga', 'C-2')];
    expect((await decide('alice', { ids: [r1, r2], decision: 'reject' })).status).toBe(400);
    const rejected = await decide('alice', { ids: [r1, r2], decision: 'reject', reason: 'wrong catalogue' });
    expect(rejected.body.results.map((r) => r.ok)).toEqual([true, true]);
    const said = (await audit('approval.reject')).filter((a) => [r1, r2].map(String).includes(a.targetId));
    expect(said.map((a) => a.after.reason)).toEqual(['wrong catalogue', 'wrong catalogue']);
    expect(await count()).toBe(before);
  });

  it('decides the rest when one of several fails unexpectedly, and answers for every id', async () => {
    const ask = async (key: string) =>
      ((await call('olga', 'PUT', `/mappings/sku/eu/${key}`, { value: `SKU-${key}` })).body as Approval).id;
    const d1 = await ask('D-1');
    // A held change Ferry cannot read (written by hand, or by a version that held it otherwise).
    const broken = (
      await store.approvals.insertApproval({
        kind: 'mappings',
        target: 'sku/eu/D-X',
        change: { kind: 'mappings', changes: null },
        actor: 'token:olga',
        userId: null,
        now: clock.now(),
      })
    ).id;
    const d2 = await ask('D-2');
    const r = await call('alice', 'POST', '/approvals/decide', {
      ids: [d1, broken, d2],
      decision: 'approve',
    });
    expect(r.status).toBe(200);
    const results = (
      r.body as { results: { id: number; ok: boolean; error?: { code: string; message: string } }[] }
    ).results;
    expect(results.map((x) => [x.id, x.ok])).toEqual([
      [d1, true],
      [broken, false],
      [d2, true],
    ]);
    expect(results[1]!.error).toEqual({
      code: 'internal',
      message: `approval ${broken} could not be decided: an unexpected error (logged)`,
    });
    const values = new Map((await s.mappings.list('sku', 'eu')).map((m) => [m.key, m.value]));
    expect([values.get('D-1'), values.get('D-2'), values.get('D-X')]).toEqual([
      'SKU-D-1',
      'SKU-D-2',
      undefined,
    ]);
    // The broken one waits still, undecided (its transaction rolled back).
    expect((await store.approvals.getApproval(broken))?.status).toBe('pending');
  });
});

describeStores('without four-eyes (the default profile)', (fx) => {
  let store: Store;
  let app: FastifyInstance;
  let s: AdminServices;
  const clock = new ManualClock();

  beforeAll(async () => {
    store = await fx().open({ clock });
    ({ app, services: s } = await adminApp(store, clock));
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('applies a mapping change at once and holds nothing', async () => {
    const token = (await s.tokens.create({ name: 'ada', role: 'admin' }, 'test')).token;
    const r = await app.inject({
      method: 'PUT',
      url: '/api/mappings/sku/eu/A-1',
      headers: { authorization: `Bearer ${token}` },
      payload: { value: '42' },
    });
    expect(r.json()).toMatchObject({ version: 1, value: '42', createdBy: 'token:ada' });
    const list = await app.inject({
      method: 'GET',
      url: '/api/approvals',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(list.json()).toEqual([]);
  });
});

describe('samePerson', () => {
  it('is the same user with any token or session, or the same actor when no user is known', () => {
    expect(samePerson({ actor: 'token:alice', userId: 5 }, { actor: 'user:alice', userId: 5 })).toBe(true);
    expect(samePerson({ actor: 'cli:root', userId: null }, { actor: 'cli:root', userId: null })).toBe(true);
    expect(samePerson({ actor: 'token:old', userId: null }, { actor: 'token:old', userId: 9 })).toBe(true);
    expect(samePerson({ actor: 'token:alice', userId: 5 }, { actor: 'token:bob', userId: 6 })).toBe(false);
    expect(samePerson({ actor: 'cli:root', userId: null }, { actor: 'user:bob', userId: 6 })).toBe(false);
  });
});
