import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { type Subscription, toSubscription } from './subscriptionRows.js';

export async function getSubscription(
  db: Kysely<DB>,
  idOrName: number | string,
): Promise<Subscription | null> {
  const r = await db
    .selectFrom('event_subscriptions')
    .selectAll()
    .where(typeof idOrName === 'number' ? 'id' : 'name', '=', idOrName)
    .executeTakeFirst();
  return r ? toSubscription(r) : null;
}
