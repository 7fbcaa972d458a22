import { afterAll, beforeAll, expect, it } from 'vitest';
import { JumpClock, describeStores, waitFor } from '../../test-helpers/stores.js';
import { placeOrder, startRig, waitForState, type Rig } from '../../test-helpers/warehouseRig.js';

const MINUTE = 60_000;

describeStores('a release the 3PL does not acknowledge in time', (fx) => {
  const clock = new JumpClock();
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig(fx().location, ['x12-folder'], {}, { clock });
  }, 30_000);
  afterAll(async () => {
    await rig?.stop();
  });

  const threePl = () => rig.dist.threePl!;
  const timeouts = async (ref: string) =>
    (await rig.app.store.exceptions.listExceptions({ code: 'partner_timeout' })).filter(
      (e) => e.entities.orderRef === ref,
    );

  it('becomes one exception naming the order once the deadline passes, and is closed when the 997 comes late', async () => {
    threePl().configure({ withholdAcks: true }); // the 3PL's translator is down
    const o = await placeOrder(rig, 940001, 1);
    await waitFor(() => threePl().orders.has(o.ref), `940 for ${o.ref} at the 3PL`, 30_000);
    await waitForState(rig, o.ref, 'released');
    const [sent] = await rig.app.store.releases.listReleases(o.ref);
    expect(sent).toMatchObject({ state: 'sent', alertedAt: null });
    // the configured deadline (ackDeadlineMinutes, default 60) from the send
    expect(sent!.ackDueAt! - sent!.updatedAt).toBeGreaterThanOrEqual(59 * MINUTE);
    expect(sent!.ackDueAt! - sent!.updatedAt).toBeLessThanOrEqual(60 * MINUTE);

    await new Promise((r) => setTimeout(r, 1500)); // ack checks before the deadline raise nothing
    expect(await timeouts(o.ref)).toEqual([]);

    clock.jump(61 * MINUTE);
    await waitFor(async () => (await timeouts(o.ref)).length > 0, 'deadline exception', 20_000);
    await new Promise((r) => setTimeout(r, 2500)); // further ack checks (one a second) add nothing
    const [exc, ...more] = await timeouts(o.ref);
    expect(more).toEqual([]);
    expect(exc).toMatchObject({
      status: 'open',
      impact: 'blocks-shipment',
      partner: 'wms:east-3pl',
      entities: { orderRef: o.ref, warehouse: 'east-3pl', externalRef: sent!.externalRef },
    });
    expect(exc!.message).toContain(`has not acknowledged the release of order ${o.ref}`);
    expect((await rig.app.store.releases.listReleases(o.ref))[0]!.alertedAt).not.toBeNull();

    threePl().configure({ withholdAcks: false });
    expect(await threePl().releaseWithheldAcks()).toBeGreaterThan(0);
    await waitFor(
      async () => (await rig.app.store.releases.listReleases(o.ref))[0]?.state === 'acknowledged',
      'late acknowledgement recorded',
      20_000,
    );
    await waitFor(async () => (await timeouts(o.ref))[0]?.status === 'skipped', 'exception closed');
    const [closed] = await timeouts(o.ref);
    expect(closed).toMatchObject({ resolvedBy: 'ferry' });
    expect(closed!.resolutionNote).toContain(`acknowledged ${sent!.externalRef} late`);
    expect((await rig.app.store.orders.getOrderByRef(o.ref))!.state).toBe('released');

    // the order still ships normally afterwards
    await threePl().ship(o.ref);
    await waitForState(rig, o.ref, 'shipped');
    expect(await timeouts(o.ref)).toHaveLength(1);
  }, 90_000);

  it('is never chased once the customer cancelled the order: its release is marked cancelled', async () => {
    threePl().configure({ withholdAcks: true });
    const o = await placeOrder(rig, 940002, 1);
    await waitFor(() => threePl().orders.has(o.ref), `940 for ${o.ref} at the 3PL`, 30_000);
    await waitForState(rig, o.ref, 'released');
    expect((await rig.app.store.releases.listReleases(o.ref))[0]).toMatchObject({
      state: 'sent',
      alertedAt: null,
    });

    const shop = rig.dist.shops.get('shop-eu')!;
    expect((await shop.webhooks!.send(shop.cancelOrder(940002))).delivered).toBe(true);
    await waitForState(rig, o.ref, 'cancelled');
    const [release] = await rig.app.store.releases.listReleases(o.ref);
    expect(release!.state).toBe('cancelled');
    await waitFor(
      async () =>
        (await rig.app.store.interchanges.listOutbound('east-3pl')).some(
          (r) => r.purpose === `cancel:${o.ref}` && r.sentAt !== null,
        ),
      'cancel 940 sent',
    );
    const [cancel] = (await rig.app.store.interchanges.listOutbound('east-3pl')).filter(
      (r) => r.purpose === `cancel:${o.ref}`,
    );

    clock.jump(61 * MINUTE);
    // The same check run raises the cancel 940's own missing 997 (the 3PL has not confirmed the
    // cancellation: that one is worth chasing), so by then the release was looked at too.
    await waitFor(
      async () =>
        (await rig.app.store.exceptions.listExceptions({ code: 'partner_timeout' })).some(
          (e) => e.entities.isa13 === cancel!.controlNumber,
        ),
      "the cancel 940's deadline exception",
      20_000,
    );
    await new Promise((r) => setTimeout(r, 1500)); // a further check adds nothing
    expect(await timeouts(o.ref)).toEqual([]);
    expect((await rig.app.store.releases.listReleases(o.ref))[0]).toMatchObject({
      state: 'cancelled',
      alertedAt: null,
    });
  }, 90_000);
});
