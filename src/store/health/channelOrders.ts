import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/**
 * When each of these channels last sent an order Ferry stored (null: never), and how many since
 * `from`: two probes of the (channel, created_at) index per channel, whatever the history's size.
 */
export async function channelOrders(
  db: Kysely<DB>,
  channels: readonly string[],
  from: number,
): Promise<{ channel: string; lastOrderAt: number | null; since: number }[]> {
  return Promise.all(
    channels.map(async (channel) => {
      const [last, since] = await Promise.all([
        db
          .selectFrom('orders')
          .select((eb) => eb.fn.max('created_at').as('at'))
          .where('channel', '=', channel)
          .executeTakeFirst(),
        db
          .selectFrom('orders')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('channel', '=', channel)
          .where('created_at', '>=', from)
          .executeTakeFirst(),
      ]);
      return {
        channel,
        lastOrderAt: last?.at === null || last?.at === undefined ? null : Number(last.at),
        since: Number(since?.n ?? 0),
      };
    }),
  );
}
