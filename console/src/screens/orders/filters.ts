import { qs } from '../../api/client.js';

/**
 * The order screen's URL state: the id typed, and the filters the health overview's links set
 * (exactly one channel, a created window, the order-intake service level as judged at `asOf`).
 */
export const ORDER_KEYS = [
  'q',
  'channel',
  'createdFrom',
  'createdTo',
  'serviceLevel',
  'withinMs',
  'asOf',
  'limit',
] as const;
/** The filters only a link sets; the screen shows them in words. */
export const LINK_KEYS = ['channel', 'createdFrom', 'createdTo', 'serviceLevel', 'withinMs', 'asOf'] as const;
export type OrderFilters = Record<(typeof ORDER_KEYS)[number], string>;

/** Whether the screen lists a channel's orders (from a link), rather than searching by id only. */
export const isChannelList = (f: OrderFilters): boolean => f.channel !== '';

/**
 * What the screen reads: a channel's orders from `/orders`, which keeps the channel exact beside an
 * id too; by id alone, the universal search; nothing to read without either.
 */
export function readPath(f: OrderFilters): string | null {
  if (isChannelList(f)) return `/orders${qs({ ...f })}`;
  return f.q ? `/search${qs({ q: f.q })}` : null;
}

const time = (ms: string) => new Date(Number(ms)).toISOString().replace(/:\d\d\.\d{3}Z$/, 'Z');

/** The link's filters in words, shown above the list: what exactly its count is. */
export function describeLinkFilters(f: OrderFilters): string[] {
  const out: string[] = [];
  if (f.channel) out.push(`channel = ${f.channel}`);
  if (f.createdFrom) out.push(`created from ${time(f.createdFrom)}`);
  if (f.createdTo) out.push(`created before ${time(f.createdTo)}`);
  if (f.serviceLevel)
    out.push(
      `${f.serviceLevel === 'missed' ? 'missed' : 'judged by'} the ${Math.round(Number(f.withinMs) / 60_000)}-minute service level as of ${time(f.asOf)}`,
    );
  return out;
}
