/**
 * Step 2 of a shipment: confirm it on the originating channel, through the channel's
 * `FulfilmentSink`. A sink without idempotency keys (Shopify) keeps a checkpoint on the shipment
 * row, stored before its calls, so a retry after a lost answer knows what landed.
 */
import { channelRole } from '../../core/channel/index.js';
import type { StoreSession } from '../../store/index.js';
import type { OrderRow } from '../../store/orders/index.js';
import type { ShipmentRow } from '../../store/warehouse/index.js';
import type { ShipmentNotice } from '../fulfilment/index.js';
import type { ResolvedCarrier } from './carrier.js';
import type { ShipmentDeps } from './deps.js';

/** What the channel step did. */
export type ChannelOutcome =
  | {
      readonly kind: 'created';
      /** One fulfilment per channel call (Shopify: one per location the lines were assigned to). */
      readonly fulfillmentIds: readonly string[];
      readonly tracking: readonly string[];
    }
  | { readonly kind: 'landed-earlier' }
  | { readonly kind: 'skipped'; readonly reason: string };

function tracking(deps: ShipmentDeps, notice: ShipmentNotice, carrier: ResolvedCarrier | undefined) {
  const s = notice.shipment;
  const company = carrier?.name;
  const template =
    company && Object.hasOwn(deps.rules.trackingUrls, company) ? deps.rules.trackingUrls[company] : undefined;
  const urls = s.trackingUrl
    ? [s.trackingUrl]
    : template
      ? s.trackingNumbers.map((n) => template.replace('{number}', encodeURIComponent(n)))
      : [];
  return {
    ...(company ? { company } : {}),
    ...(s.trackingNumbers.length ? { numbers: [...s.trackingNumbers] } : {}),
    ...(urls.length ? { urls } : {}),
  };
}

/** Confirms the shipment on the channel once. */
export async function channelStep(
  store: StoreSession,
  deps: ShipmentDeps,
  order: OrderRow,
  s: ShipmentRow,
  notice: ShipmentNotice,
  /** The warehouse's carrier code read as a name (carrier.ts). */
  carrier: ResolvedCarrier | undefined,
): Promise<ChannelOutcome | undefined> {
  if (s.channelDoneAt !== null) return undefined;
  const sink = channelRole(deps.channels, order.channel, 'fulfilments');
  const finish = (fulfillmentId?: string) =>
    store.shipments.updateShipment(s.id, {
      channelDoneAt: deps.clock.now(),
      ...(fulfillmentId ? { channelFulfillmentId: fulfillmentId } : {}),
      now: deps.clock.now(),
    });
  if (!sink) {
    await finish();
    return { kind: 'skipped', reason: `channel ${order.channel} takes no fulfilments from Ferry` };
  }
  const outcome = await sink.createFulfilment({
    orderRef: order.ref,
    channelOrderId: order.channelOrderId,
    shipmentId: s.shipmentId,
    lines: notice.shipment.lines,
    tracking: tracking(deps, notice, carrier),
    notifyCustomer: deps.rules.notifyCustomer,
    checkpoint: s.channelSnapshot,
    saveCheckpoint: async (checkpoint) => {
      await store.shipments.updateShipment(s.id, { channelSnapshot: checkpoint, now: deps.clock.now() });
    },
  });
  switch (outcome.kind) {
    case 'nothing-open':
      await finish();
      return { kind: 'skipped', reason: outcome.reason };
    case 'landed-earlier':
      await finish();
      return { kind: 'landed-earlier' };
    case 'created':
      await finish(outcome.fulfilmentIds.join(','));
      return {
        kind: 'created',
        fulfillmentIds: outcome.fulfilmentIds,
        tracking: notice.shipment.trackingNumbers,
      };
  }
}
