import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeStores, waitFor } from '../../test-helpers/stores.js';
import { TokenService } from '../../api/auth/index.js';
import type { MappingGap } from '../../api/admin/services/partnerDetail.js';
import { systemClock } from '../../core/clock.js';
import {
  fulfillments,
  odooPickings,
  placeOrder,
  startRig,
  waitForState,
  type Rig,
} from '../../test-helpers/warehouseRig.js';
import { CARRIER_UNMAPPED_TASK } from './carrier.js';

interface QueueItem {
  id: number;
  status: string;
  impact: string;
  code: string;
  task: string;
  message: string;
  values: Record<string, string | number>;
}

describeStores('carrier mapping: a warehouse carrier code read through the carrier mappings', (fx) => {
  let rig: Rig;
  let token: string;
  beforeAll(async () => {
    rig = await startRig(fx().location, ['wms']);
    token = (
      await new TokenService(rig.app.store, systemClock).create({ name: 'ops', role: 'operator' }, 'test')
    ).token;
  }, 30_000);
  afterAll(async () => {
    await rig?.stop();
  });

  const wms = () => rig.dist.wms!;
  const call = async <T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${rig.app.url}/api${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  };
  const shipWith = async (id: number, carrier: string) => {
    const o = await placeOrder(rig, id, 1);
    await waitFor(() => wms().order(o.ref) !== undefined, `WMS order ${o.ref}`, 30_000);
    const shipment = await wms().ship(o.ref, { carrier });
    await waitForState(rig, o.ref, 'shipped');
    return { ...o, tracking: shipment.packages.map((p) => p.tracking_number) };
  };
  const carrierExceptions = async (status: 'open' | 'resolved') =>
    (
      await call<{ items: QueueItem[] }>(
        'GET',
        `/exceptions?status=${status}&task=${encodeURIComponent(CARRIER_UNMAPPED_TASK)}`,
      )
    ).body.items;
  const shippedEvent = async (ref: string) => {
    const row = (await rig.app.store.orders.getOrderByRef(ref))!;
    const events = await rig.app.store.orders.listOrderEvents(row.id);
    return events.find((e) => e.type === 'shipped')!.detail as { carrier: Record<string, unknown> | null };
  };

  it('an unknown carrier code holds nothing back, and is recorded for a person with the fix on the partners screen', async () => {
    const o = await shipWith(940001, 'ZZPOST');
    // Tracking went out at once, with the code as the company: the shipment did not wait.
    const [f] = fulfillments(rig, o.id);
    expect(f!.trackingInfo).toMatchObject({ company: 'ZZPOST', numbers: o.tracking });
    const [picking] = odooPickings(rig, 'shop-eu:940001');
    expect(picking).toMatchObject({ state: 'done', carrier_tracking_ref: o.tracking.join(', ') });
    expect((await shippedEvent(o.ref)).carrier).toEqual({
      code: 'ZZPOST',
      name: 'ZZPOST',
      source: 'unmapped',
    });

    await waitFor(async () => (await carrierExceptions('open')).length > 0, 'the unmapped-carrier record');
    const [exc] = await carrierExceptions('open');
    expect(exc).toMatchObject({
      code: 'mapping_missing',
      impact: 'info',
      values: { warehouse: 'west-wms', carrier: 'ZZPOST', orderRef: o.ref },
    });
    expect(exc!.message).toContain('ferry mappings set carrier west-wms ZZPOST <carrier name>');

    const detail = await call<{ unmapped: MappingGap[] }>('GET', '/partners/detail');
    const gap = detail.body.unmapped.find((g) => g.kind === 'carrier')!;
    expect(gap).toMatchObject({
      scope: 'west-wms',
      key: 'ZZPOST',
      exceptions: { value: 1 },
      blocking: false,
      where: 'mapping',
      fixable: true, // operators may change carrier mappings
    });
    expect(gap.fix).toContain('map carrier ZZPOST of west-wms (or of * for every warehouse)');
  }, 60_000);

  it('once mapped (inline, as the partners screen does), the next shipment shows the name and names the mapping version; a replay closes the record', async () => {
    const put = await call<{ id: number; version: number }>('PUT', '/mappings/carrier/west-wms/ZZPOST', {
      value: 'Zig Zag Post',
    });
    expect(put.status).toBe(200);
    const o = await shipWith(940002, 'ZZPOST');
    expect(fulfillments(rig, o.id)[0]!.trackingInfo).toMatchObject({ company: 'Zig Zag Post' });
    expect((await shippedEvent(o.ref)).carrier).toEqual({
      code: 'ZZPOST',
      name: 'Zig Zag Post',
      source: 'mapping',
      scope: 'west-wms',
      mappingVersion: put.body.id,
    });
    // Nothing new recorded for the mapped code.
    const [open] = await carrierExceptions('open');
    expect(open!.values.orderRef).toBe('shop-eu-940001');
    expect(await carrierExceptions('open')).toHaveLength(1);

    expect((await call('POST', `/exceptions/${open!.id}/replay`)).status).toBe(200);
    await waitFor(
      async () =>
        (await rig.app.store.jobs.listJobs({ task: CARRIER_UNMAPPED_TASK, state: 'completed' })).length === 1,
      'the replayed record completes',
    );
    expect(await carrierExceptions('open')).toEqual([]);
    const gaps = (await call<{ unmapped: MappingGap[] }>('GET', '/partners/detail')).body.unmapped;
    expect(gaps.filter((g) => g.kind === 'carrier')).toEqual([]);
  }, 60_000);

  it('a mapping in scope * serves every warehouse; the warehouse’s own scope wins over it; configured names need no mapping', async () => {
    await call('PUT', `/mappings/carrier/${encodeURIComponent('*')}/ZZFREIGHT`, { value: 'Zig Zag Freight' });
    await call('PUT', `/mappings/carrier/${encodeURIComponent('*')}/ZZPOST`, { value: 'Everyone’s Post' });
    const a = await shipWith(940003, 'ZZFREIGHT');
    expect(fulfillments(rig, a.id)[0]!.trackingInfo).toMatchObject({ company: 'Zig Zag Freight' });
    expect((await shippedEvent(a.ref)).carrier).toMatchObject({ source: 'mapping', scope: '*' });
    const b = await shipWith(940004, 'ZZPOST');
    expect(fulfillments(rig, b.id)[0]!.trackingInfo).toMatchObject({ company: 'Zig Zag Post' });
    // A SCAC in rules.carrierNames, as before: its name and tracking URL.
    const c = await shipWith(940005, 'FDEG');
    expect(fulfillments(rig, c.id)[0]!.trackingInfo).toMatchObject({ company: 'FedEx' });
    expect(fulfillments(rig, c.id)[0]!.trackingInfo.urls).toHaveLength(1);
    expect((await shippedEvent(c.ref)).carrier).toEqual({
      code: 'FDEG',
      name: 'FedEx',
      source: 'configuration',
    });
    expect(await carrierExceptions('open')).toEqual([]);
  }, 90_000);

  it('a code that names a property of every object ("constructor") ships like any unknown code', async () => {
    const o = await shipWith(940006, 'constructor');
    const [f] = fulfillments(rig, o.id);
    expect(f!.trackingInfo).toEqual({ company: 'constructor', numbers: o.tracking });
    expect((await shippedEvent(o.ref)).carrier).toEqual({
      code: 'constructor',
      name: 'constructor',
      source: 'unmapped',
    });
    await waitFor(async () => (await carrierExceptions('open')).length > 0, 'the unmapped-carrier record');
    expect((await carrierExceptions('open')).map((e) => e.values.carrier)).toEqual(['constructor']);
  }, 60_000);
});
