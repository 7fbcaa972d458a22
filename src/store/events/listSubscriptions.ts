import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { type Subscription, toSubscription } from './subscriptionRows.js';

export async function listSubscriptions(db: Kysely<DB>): Promise<Subscription[]> {
  const rows = await db.selectFrom('event_subscriptions').selectAll().orderBy('id').execute();
  return rows.map(toSubscription);
}
