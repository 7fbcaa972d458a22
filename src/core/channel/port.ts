/**
 * A sales channel as the flows see it: the roles it has, each a small interface (orders.ts,
 * stock.ts, fulfilments.ts). Shopify has them all; an EDI wholesale customer sends orders and
 * takes shipment notices, and leaves the rest out. Refunds and returns join as roles of their own.
 */
import { FerryError } from '../errors.js';
import type { FulfilmentHolds, FulfilmentSink, OrderCancels } from './fulfilments.js';
import type { OrderFeed, OrderSource } from './orders.js';
import type { StockSink } from './stock.js';

/** One channel's implementation; a role it does not have is absent. */
export interface ChannelPort {
  /** The channel kind as configured (`shopify`, `x12`…). */
  readonly kind: string;
  /** Partner name in errors, metrics and shadow reports (`shopify:shop-eu`). */
  readonly partner: string;
  readonly orders?: OrderSource;
  readonly feed?: OrderFeed;
  readonly stock?: StockSink;
  readonly fulfilments?: FulfilmentSink;
  readonly holds?: FulfilmentHolds;
  readonly cancels?: OrderCancels;
}

/** The names of the roles, as fields of `ChannelPort`. */
export type ChannelRole = 'orders' | 'feed' | 'stock' | 'fulfilments' | 'holds' | 'cancels';

/** A configured channel: its id and its port. Flows add their rules to it. */
export interface ChannelBinding {
  readonly id: string;
  readonly port: ChannelPort;
}

/** The channels by id: where every flow finds a channel's port. */
export type ChannelRegistry<C extends ChannelBinding = ChannelBinding> = ReadonlyMap<string, C>;

/** A role of a channel, or `undefined` when the channel is unknown or does not have it. */
export function channelRole<R extends ChannelRole>(
  channels: ChannelRegistry,
  channel: string,
  role: R,
): NonNullable<ChannelPort[R]> | undefined {
  return channels.get(channel)?.port[role] ?? undefined;
}

/**
 * A role the work cannot do without.
 *
 * @throws FerryError `config_invalid` naming the channel and what it lacks
 */
export function requireChannelRole<R extends ChannelRole>(
  channels: ChannelRegistry,
  channel: string,
  role: R,
  purpose: string,
): NonNullable<ChannelPort[R]> {
  const binding = channels.get(channel);
  if (!binding)
    throw new FerryError('config_invalid', `channel ${channel} is not configured; cannot ${purpose}`);
  const found = binding.port[role];
  if (!found)
    throw new FerryError(
      'config_invalid',
      `channel ${channel} (${binding.port.kind}) has no ${role} role configured; cannot ${purpose}`,
      { partner: binding.port.partner },
    );
  return found;
}
