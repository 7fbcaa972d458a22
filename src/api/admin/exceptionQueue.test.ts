import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock, describeStores, waitFor } from '../../test-helpers/stores.js';
import type { Store } from '../../store/index.js';
import type { Role } from '../auth/index.js';
import { EventBus } from '../../engine/index.js';
import { adminApp, parkException } from '../../test-helpers/adminFixtures.js';
import type { AdminServices } from './context.js';
import { resolveOlderDuplicatesOnCompletion } from './services/superseded.js';
import { storeDb } from '../../test-helpers/storeDb.js';

/** Parks `n` exceptions at once (jobs already excepted), as a busy day would leave them. */
async function parkMany(
  store: Store,
  now: number,
  n: number,
  e: { code: string; impact: string },
): Promise<void> {
  await store.transaction(async (tx) => {
    for (let i = 0; i < n; i++) {
      const job = await storeDb(tx)
        .insertInto('jobs')
        .values({
          lane: 'orders',
          task: 'order.accept',
          payload: '{}',
          run_at: now,
          max_attempts: 1,
          state: 'excepted',
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await storeDb(tx)
        .insertInto('exceptions')
        .values({
          job_id: Number(job.id),
          lane: 'orders',
          task: 'order.accept',
          code: e.code,
          message: `rule ${i}`,
          impact: e.impact,
          payload: '{}',
          history: '[]',
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
  });
}

describeStores('console exception queue', (fx) => {
  let store: Store;
  let app: FastifyInstance;
  let s: AdminServices;
  const clock = new ManualClock();
  const tokens = {} as Record<Role, string>;
  const ids: Record<string, number[]> = {};

  beforeAll(async () => {
    store = await fx().open({ clock });
    ({ app, services: s } = await adminApp(store, clock));
    for (const role of ['viewer', 'operator', 'admin'] as const)
      tokens[role] = (await s.tokens.create({ name: `q-${role}`, role }, 'test')).token;
    ids.sku = [];
    for (let i = 0; i < 5; i++)
      ids.sku.push(
        await parkException(store, clock.now(), {
          code: 'mapping_missing',
          impact: 'blocks-shipment',
          message: `order eu-${i}: rule sku-mapping: line 1 SKU "LEGACY-0042" has no Odoo product; add a mapping (ferry mappings set sku shop-us LEGACY-0042 <Odoo SKU>) or the product in Odoo, then replay (ferry exceptions replay <id>)`,
          entities: { order: `eu-${i}`, rule: 'sku-mapping', sku: 'LEGACY-0042' },
        }),
      );
    ids.partner = [await parkException(store, clock.now(), { code: 'partner_timeout', impact: 'finance' })];
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const call = (role: Role, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${tokens[role]}` },
      ...(payload ? { payload } : {}),
    });
  const list = async (q: string) => {
    const r = await call('viewer', 'GET', `/api/exceptions?${q}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json<{
      items: Record<string, unknown>[];
      nextCursor: string | null;
      total: number;
      serverTime: number;
    }>();
  };

  it('pages newest first by keyset cursor, with the total, the rule and values, the class and the fix', async () => {
    const first = await list('code=mapping_missing&limit=2');
    expect(first.total).toBe(5);
    expect(first.items.map((i) => i.id)).toEqual([ids.sku![4], ids.sku![3]]);
    expect(first.items[0]).toMatchObject({
      impact: 'blocks-shipment',
      errorClass: 'mapping',
      rule: 'sku-mapping',
      values: { order: 'eu-4', sku: 'LEGACY-0042' },
      fix: expect.stringMatching(/^Add a mapping \(ferry mappings set sku shop-us LEGACY-0042/),
      assignee: null,
    });
    const seen = [...first.items.map((i) => i.id)];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await list(`code=mapping_missing&limit=2&cursor=${cursor}`);
      expect(page.total).toBe(5);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual([...ids.sku!].reverse());
    expect((await list('errorClass=partner')).items.map((i) => i.id)).toEqual(ids.partner);
    expect((await list('errorClass=partner')).items[0]!.fix).toMatch(/replay once it answers again/);
    expect((await list('q=eu-3')).items.map((i) => i.id)).toEqual([ids.sku![3]]);
    expect((await list(`q=${ids.partner![0]}`)).items.map((i) => i.id)).toEqual(ids.partner);
    expect((await call('viewer', 'GET', '/api/exceptions?cursor=bogus')).statusCode).toBe(400);
  });

  it('assigns to a user and back to nobody, audited; filters by me and none; polls by changedSince', async () => {
    const me = (await s.users.get({ name: 'q-operator' })).id;
    const since = (await list('')).serverTime;
    clock.advance(1000);
    const r = await call('operator', 'POST', `/api/exceptions/${ids.sku![0]}/assign`, { userId: me });
    expect(r.json()).toEqual({ id: ids.sku![0], assignee: { id: me, name: 'q-operator' } });
    const mine = await call('operator', 'GET', '/api/exceptions?assignee=me');
    expect(mine.json().items.map((i: { id: number }) => i.id)).toEqual([ids.sku![0]]);
    expect((await list('assignee=none')).items.map((i) => i.id)).not.toContain(ids.sku![0]);
    const changed = await list(`changedSince=${since}`);
    expect(changed.items.map((i) => i.id)).toEqual([ids.sku![0]]);
    expect(changed.items[0]!.assignee).toEqual({ id: me, name: 'q-operator' });
    await call('operator', 'POST', `/api/exceptions/${ids.sku![0]}/assign`, { userId: null });
    const trail = await storeDb(s.store)
      .selectFrom('audit_log')
      .select(['after'])
      .where('action', '=', 'exception.assign')
      .orderBy('id')
      .execute();
    expect(trail.map((t) => JSON.parse(t.after!))).toEqual([
      { assigneeId: me, assignee: 'q-operator' },
      { assigneeId: null, assignee: null },
    ]);
    expect(
      (await call('operator', 'POST', `/api/exceptions/${ids.sku![0]}/assign`, { userId: 99999 })).statusCode,
    ).toBe(404);
  });

  it('edit-and-replay leaves an audit entry with the field-level diff, and the inspector shows it', async () => {
    const id = await parkException(store, clock.now(), { impact: 'blocks-shipment' });
    const before = (await s.exceptions.show(id)).payload as Record<string, unknown>;
    const edited = { ...before, sku: 'SKU-00001' };
    const preview = await call('operator', 'POST', `/api/exceptions/${id}/diff`, { payload: edited });
    expect(preview.json().changes).toEqual([{ path: 'sku', op: 'add', from: null, to: 'SKU-00001' }]);
    expect(
      (await call('operator', 'POST', `/api/exceptions/${id}/edit-replay`, { payload: edited })).statusCode,
    ).toBe(200);
    const [entry] = await storeDb(s.store)
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'exception.edit_replay')
      .where('target_id', '=', String(id))
      .execute();
    expect(JSON.parse(entry!.after!)).toEqual({
      payload: edited,
      diff: [{ path: 'sku', op: 'add', from: null, to: 'SKU-00001' }],
    });
    expect(entry!.actor).toBe('token:q-operator');
    const diff = await call('viewer', 'GET', `/api/exceptions/${id}/diff?against=edited`);
    expect(diff.json()).toMatchObject({
      to: { payload: edited },
      changes: [{ path: 'sku', to: 'SKU-00001' }],
    });
  });

  it('diffs a failed attempt against the previous one of the same order and task', async () => {
    const a = await parkException(store, clock.now(), { orderingKey: 'order:eu-77' });
    const b = await parkException(store, clock.now(), { orderingKey: 'order:eu-77' });
    const r = await call('viewer', 'GET', `/api/exceptions/${b}/diff?against=previous`);
    expect(r.json()).toMatchObject({ from: { exceptionId: a }, to: { exceptionId: b } });
    expect(r.json().changes).toEqual([
      { path: 'n', op: 'change', from: expect.any(Number), to: expect.any(Number) },
    ]);
    expect((await call('viewer', 'GET', `/api/exceptions/${a}/diff?against=previous`)).statusCode).toBe(404);
  });

  it('replays all 500 matching a filter server-side, with progress, and skips a selection with its failures', async () => {
    await parkMany(store, clock.now(), 500, { code: 'rule_failed', impact: 'info' });
    const r = await call('operator', 'POST', '/api/exceptions/bulk', {
      action: 'replay',
      filter: { code: 'rule_failed', impact: 'info' },
      reason: 'price list fixed',
    });
    expect(r.statusCode, r.body).toBe(202);
    const { batchId, total } = r.json<{ batchId: number; total: number }>();
    expect(total).toBe(500);
    let last = { done: 0 };
    await waitFor(
      async () => {
        last = (await call('viewer', 'GET', `/api/batches/${batchId}`)).json();
        return (last as { status?: string }).status === 'done';
      },
      'batch to finish',
      60_000,
    );
    expect(last).toMatchObject({
      total: 500,
      done: 500,
      failed: 0,
      status: 'done',
      reason: 'price list fixed',
    });
    expect((await list('code=rule_failed&impact=info')).total).toBe(0);
    const replays = await storeDb(s.store)
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'exception.replay')
      .where('actor', '=', 'token:q-operator')
      .executeTakeFirst();
    expect(Number(replays!.n)).toBe(500);
    // The replayed jobs would run in a live Ferry; here they would crowd the fixture's lane.
    await storeDb(store)
      .updateTable('jobs')
      .set({ state: 'completed' })
      .where('state', '=', 'ready')
      .execute();

    const open = await parkException(store, clock.now(), { impact: 'info' });
    const skip = await call('operator', 'POST', '/api/exceptions/bulk', {
      action: 'skip',
      ids: [open, ids.sku![1], 999_999],
      reason: 'test orders',
    });
    const sid = skip.json<{ batchId: number }>().batchId;
    await waitFor(async () => (await s.bulk.get(sid)).status === 'done', 'skip batch');
    expect(await s.bulk.get(sid)).toMatchObject({
      total: 3,
      done: 2,
      failed: 1,
      failures: [{ id: 999_999, reason: 'does not exist' }],
    });
    expect((await s.exceptions.show(open)).status).toBe('skipped');
    expect(
      (await call('operator', 'POST', '/api/exceptions/bulk', { action: 'skip', reason: 'x' })).statusCode,
    ).toBe(400);
  });

  it('resolves older duplicates of one business key when the newest attempt succeeds', async () => {
    const events = new EventBus();
    const off = resolveOlderDuplicatesOnCompletion(events, store, clock);
    const old1 = await parkException(store, clock.now(), { orderingKey: 'order:eu-9' });
    const old2 = await parkException(store, clock.now(), { orderingKey: 'order:eu-9' });
    const other = await parkException(store, clock.now(), { orderingKey: 'order:eu-10' });
    const [job] = await store.jobs.enqueue(
      [
        {
          lane: 'orders',
          task: 'order.accept',
          payloadJson: '{}',
          maxAttempts: 1,
          runAt: clock.now(),
          priority: 0,
          orderingKey: 'order:eu-9',
        },
      ],
      clock.now(),
    );
    const record = (await store.jobs.getJob(job!.id))!;
    events.emit('completed', { job: { ...record, state: 'completed' }, durationMs: 1, latencyMs: 1 });
    await waitFor(
      async () => (await s.exceptions.show(old2)).status === 'resolved',
      'older duplicates resolved',
    );
    off();
    expect((await s.exceptions.show(old1)).resolutionNote).toMatch(
      /superseded: job \d+ of the same business key succeeded/,
    );
    expect((await s.exceptions.show(other)).status).toBe('open');
    expect((await store.jobs.getJob((await s.exceptions.show(old1)).jobId))!.state).toBe('skipped');
  });

  it('redacts names, addresses, e-mails and phones for a viewer, not for an operator', async () => {
    const id = await parkException(store, clock.now(), { impact: 'info' });
    await storeDb(store)
      .updateTable('exceptions')
      .set({
        payload: JSON.stringify({
          name: '#1001',
          email: 'jane@example.com',
          shipping_address: {
            name: 'Jane Roe',
            address1: '1 Main Street',
            city: 'Springfield',
            zip: '12345',
            country: 'US',
          },
          line_items: [{ name: 'Blue mug', sku: 'MUG-1' }],
          note: 'call +1 555 123 4567',
        }),
      })
      .where('id', '=', id)
      .execute();
    const viewer = (await call('viewer', 'GET', `/api/exceptions/${id}`)).json().payload;
    expect(viewer).toEqual({
      name: '#1001',
      email: '[redacted]',
      shipping_address: {
        name: '[redacted]',
        address1: '[redacted]',
        city: '[redacted]',
        zip: '[redacted]',
        country: 'US',
      },
      line_items: [{ name: 'Blue mug', sku: 'MUG-1' }],
      note: 'call [phone]',
    });
    const operator = (await call('operator', 'GET', `/api/exceptions/${id}`)).json().payload;
    expect(operator.shipping_address.name).toBe('Jane Roe');
    expect(operator.email).toBe('jane@example.com');
  });
});
