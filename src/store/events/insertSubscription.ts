import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { type Subscription, toSubscription } from './subscriptionRows.js';

export async function insertSubscription(
  db: Kysely<DB>,
  s: Pick<Subscription, 'name' | 'kind' | 'url' | 'types' | 'payload' | 'secretName'> & { now: number },
): Promise<Subscription> {
  const r = await db
    .insertInto('event_subscriptions')
    .values({
      name: s.name,
      kind: s.kind,
      url: s.url,
      types: JSON.stringify(s.types),
      payload: s.payload,
      secret_name: s.secretName,
      created_at: s.now,
      updated_at: s.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSubscription(r);
}
